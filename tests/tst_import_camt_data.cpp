// SPDX-License-Identifier: GPL-3.0-or-later
// camt documents for tst_import_camt.

extern const char* const kCamt053v02;
extern const char* const kCamt053v08;

const char* const kCamt053v02 = R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2024-02-01T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-2024-01</Id>
      <CreDtTm>2024-02-01T06:00:00</CreDtTm>
      <Acct>
        <Id><IBAN>DE89370400440532013000</IBAN></Id>
        <Ccy>EUR</Ccy>
        <Ownr><Nm>Muster GmbH</Nm></Ownr>
        <Svcr><FinInstnId><BIC>COBADEFFXXX</BIC></FinInstnId></Svcr>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2023-12-31</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">651.50</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2024-01-31</Dt></Dt>
      </Bal>
      <Ntry>
        <NtryRef>1</NtryRef>
        <Amt Ccy="EUR">48.50</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2024-01-03</Dt></BookgDt>
        <ValDt><Dt>2024-01-04</Dt></ValDt>
        <AcctSvcrRef>REF-A</AcctSvcrRef>
        <BkTxCd><Prtry><Cd>NMSC+005</Cd><Issr>DK</Issr></Prtry></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <RltdPties>
            <Dbtr><Nm>Muster GmbH</Nm></Dbtr>
            <Cdtr><Nm>Stadtwerke</Nm></Cdtr>
          </RltdPties>
          <RmtInf><Ustrd>Strom Januar</Ustrd><Ustrd>Kunde 42</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">300.00</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2024-01-10</Dt></BookgDt>
        <ValDt><Dt>2024-01-10</Dt></ValDt>
        <AcctSvcrRef>BATCH-7</AcctSvcrRef>
        <NtryDtls>
          <Btch><NbOfTxs>2</NbOfTxs></Btch>
          <TxDtls>
            <Refs><EndToEndId>E2E-1</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">100.00</Amt></TxAmt></AmtDtls>
            <RltdPties><Cdtr><Nm>Alice</Nm></Cdtr></RltdPties>
            <RmtInf><Ustrd>Salary advance</Ustrd></RmtInf>
          </TxDtls>
          <TxDtls>
            <Refs><EndToEndId>E2E-2</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">200.00</Amt></TxAmt></AmtDtls>
            <RltdPties><Cdtr><Nm>Bob</Nm></Cdtr></RltdPties>
          </TxDtls>
        </NtryDtls>
        <AddtlNtryInf>SAMMEL-UEBERWEISUNG</AddtlNtryInf>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">0.50</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>PDNG</Sts>
        <BookgDt><Dt>2024-01-31</Dt></BookgDt>
      </Ntry>
    </Stmt>
    <Stmt>
      <Id>STMT-USD</Id>
      <Acct><Id><Othr><Id>0012345678</Id></Othr></Id><Ccy>USD</Ccy><Nm>USD account</Nm></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="USD">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
        <Dt><Dt>2024-01-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="USD">90.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><DtTm>2024-01-31T23:59:59+01:00</DtTm></Dt></Bal>
      <Ntry>
        <Amt Ccy="USD">100</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><DtTm>2024-01-15T08:00:00Z</DtTm></BookgDt>
        <NtryDtls>
          <TxDtls>
            <Refs><AcctSvcrRef>TX-REF</AcctSvcrRef></Refs>
            <RltdPties><Dbtr><Nm>Customer Inc</Nm></Dbtr><Cdtr><Nm>Us</Nm></Cdtr></RltdPties>
            <AddtlTxInf>Invoice 17</AddtlTxInf>
          </TxDtls>
          <TxDtls><Refs><EndToEndId>X</EndToEndId></Refs></TxDtls>
        </NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
)";

const char* const kCamt053v08 = R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
 <BkToCstmrStmt><GrpHdr><MsgId>m</MsgId><CreDtTm>2024-03-01T00:00:00</CreDtTm></GrpHdr>
  <Stmt><Id>s8</Id><Acct><Id><IBAN>CH9300762011623852957</IBAN></Id><Ccy>CHF</Ccy></Acct>
   <Ntry><Amt Ccy="CHF">25.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2024-02-20</Dt></BookgDt>
    <NtryDtls><TxDtls><Refs><EndToEndId>E2E-8</EndToEndId></Refs>
     <RltdPties><Dbtr><Pty><Nm>Kunde AG</Nm></Pty></Dbtr><Cdtr><Pty><Nm>Wir</Nm></Pty></Cdtr></RltdPties>
     <RmtInf><Ustrd>Rueckbuchung</Ustrd></RmtInf></TxDtls></NtryDtls>
   </Ntry>
   <Ntry><Amt Ccy="CHF">1.234</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2024-02-21</Dt></BookgDt></Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>)";
;
