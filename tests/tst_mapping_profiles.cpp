// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Csv.h"
#include "import/ImportService.h"
#include "import/MappingProfiles.h"
#include "ledger/Ledger.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace ledgerguard;

// Saved CSV mapping profiles: the QSettings round trip, the built-in profile, overrides, and `ledgerguard import
// --profile` as a real process reading the same settings file.
class TestMappingProfiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void roundTrip();
    void builtInIsReadOnly();
    void unknownAndRemove();
    void overridesReplaceFields();
    void commandLineProfile();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    // The settings file `ledgerguard` reads with HOME/XDG_CONFIG_HOME pointing into m_dir.
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("config/LedgerGuard/LedgerGuard.conf")); }
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run runApp(const QStringList& arguments);
};

void TestMappingProfiles::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

namespace {

MappingProfile bankProfile()
{
    MappingProfile p;
    p.name = QStringLiteral("Sparkasse / Giro"); // a slash and a space: any text is a name
    p.mapping.delimiter = QLatin1Char(';');
    p.mapping.headerLine = 4;
    p.mapping.columns = {{CsvField::Date, CsvColumn {0, QStringLiteral("Buchungstag")}},
                         {CsvField::Amount, CsvColumn {5, {}}},
                         {CsvField::Description, CsvColumn {0, QStringLiteral("Verwendungszweck")}}};
    p.mapping.dateOrder = DateOrder::DayMonthYear;
    p.mapping.dateFormat = QStringLiteral("dd.MM.yyyy");
    p.mapping.decimalSeparator = DecimalSeparator::Comma;
    p.encoding = QStringLiteral("Windows-1252");
    p.defaultCurrency = QStringLiteral("EUR");
    return p;
}

} // namespace

void TestMappingProfiles::roundTrip()
{
    const MappingProfile saved = bankProfile();
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        QVERIFY(saveMappingProfile(settings, saved).isOk());
    }
    QSettings settings(settingsPath(), QSettings::IniFormat);
    QCOMPARE(mappingProfileNames(settings),
             (QStringList {QString::fromLatin1(kLedgerGuardCsvProfile), QStringLiteral("Sparkasse / Giro")}));
    auto loaded = loadMappingProfile(settings, QStringLiteral(" Sparkasse / Giro "));
    QVERIFY2(loaded.isOk(), qPrintable(loaded.status().toString()));
    QCOMPARE(*loaded, saved);

    // Saving again replaces the profile: a column left out is gone.
    MappingProfile changed = saved;
    changed.mapping.columns.removeLast();
    changed.mapping.delimiter = QLatin1Char('\t');
    QVERIFY(saveMappingProfile(settings, changed).isOk());
    QCOMPARE(*loadMappingProfile(settings, changed.name), changed);
}

void TestMappingProfiles::builtInIsReadOnly()
{
    QSettings settings(settingsPath(), QSettings::IniFormat);
    auto builtIn = loadMappingProfile(settings, QString::fromLatin1(kLedgerGuardCsvProfile));
    QVERIFY(builtIn.isOk());
    QCOMPARE(builtIn->mapping, ledgerGuardCsvMapping());
    MappingProfile p = bankProfile();
    p.name = QString::fromLatin1(kLedgerGuardCsvProfile);
    const Status s = saveMappingProfile(settings, p);
    QVERIFY(s.isInvalidArgument());
    QCOMPARE(s.field(), QStringLiteral("name"));
    QVERIFY(removeMappingProfile(settings, p.name).isInvalidArgument());
    p.name = QStringLiteral("   ");
    QVERIFY(saveMappingProfile(settings, p).isInvalidArgument());
    QCOMPARE(loadMappingProfile(settings, QString::fromLatin1(kLedgerGuardCsvProfile))->mapping,
             ledgerGuardCsvMapping());
}

void TestMappingProfiles::unknownAndRemove()
{
    QSettings settings(settingsPath(), QSettings::IniFormat);
    QVERIFY(saveMappingProfile(settings, bankProfile()).isOk());
    auto missing = loadMappingProfile(settings, QStringLiteral("Nope"));
    QVERIFY(missing.status().isNotFound());
    QVERIFY(missing.status().message().contains(QStringLiteral("Nope")));
    QVERIFY(missing.status().message().contains(QStringLiteral("Sparkasse / Giro")));
    QVERIFY(removeMappingProfile(settings, QStringLiteral("Sparkasse / Giro")).isOk());
    QCOMPARE(mappingProfileNames(settings), QStringList {QString::fromLatin1(kLedgerGuardCsvProfile)});
    QVERIFY(removeMappingProfile(settings, QStringLiteral("Sparkasse / Giro")).isNotFound());
}

void TestMappingProfiles::overridesReplaceFields()
{
    CsvMapping overrides;
    QVERIFY(applyColumnMap(QStringLiteral("amount=Betrag,counterparty=3"), &overrides).isOk());
    const CsvMapping m = overrideMapping(bankProfile().mapping, overrides);
    QCOMPARE(m.delimiter, QLatin1Char(';'));
    QCOMPARE(m.dateFormat, QStringLiteral("dd.MM.yyyy"));
    QCOMPARE(m.columns.size(), 4);
    QCOMPARE(m.columns.count({CsvField::Amount, CsvColumn {0, QStringLiteral("Betrag")}}), 1);
    QCOMPARE(m.columns.count({CsvField::Amount, CsvColumn {5, {}}}), 0);
    QCOMPARE(m.columns.count({CsvField::Counterparty, CsvColumn {3, {}}}), 1);
}

TestMappingProfiles::Run TestMappingProfiles::runApp(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("HOME"), m_dir->path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LG_APP_PATH), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

void TestMappingProfiles::commandLineProfile()
{
    // A bank layout the header names alone do not map: "Wert" holds the amount, "Tag" the date.
    const QString csv = m_dir->filePath(QStringLiteral("bank.csv"));
    {
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Tag;Text;Wert;Soll\n"
                "03.04.2024;Coffee;-3,50;9,99\n"
                "05.04.2024;Salary;2.100,00;9,99\n");
    }
    MappingProfile p;
    p.name = QStringLiteral("My bank");
    p.mapping.delimiter = QLatin1Char(';');
    p.mapping.headerLine = 1;
    p.mapping.columns = {{CsvField::Date, CsvColumn {0, QStringLiteral("Tag")}},
                         {CsvField::Amount, CsvColumn {0, QStringLiteral("Soll")}},
                         {CsvField::Description, CsvColumn {2, {}}}};
    p.mapping.decimalSeparator = DecimalSeparator::Comma;
    p.defaultCurrency = QStringLiteral("EUR");
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        QVERIFY(saveMappingProfile(settings, p).isOk());
    }
    const QString db = m_dir->filePath(QStringLiteral("ledger.db"));

    const Run unknown = runApp({QStringLiteral("import"), csv, QStringLiteral("--db"), db, QStringLiteral("--profile"),
                                QStringLiteral("Other bank")});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains("Other bank") && unknown.err.contains("LedgerGuard CSV")
                 && unknown.err.contains("My bank"),
             unknown.err.constData());

    // The profile's amount column is wrong ("Soll"); --map puts it right, the rest comes from the profile.
    const Run run = runApp({QStringLiteral("import"), csv, QStringLiteral("--db"), db, QStringLiteral("--profile"),
                            QStringLiteral("My bank"), QStringLiteral("--map"), QStringLiteral("amount=Wert"),
                            QStringLiteral("--account"), QStringLiteral("Giro"), QStringLiteral("--create-accounts"),
                            QStringLiteral("--no-detect")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    auto ledger = Ledger::open(db);
    QVERIFY(ledger.isOk());
    auto accounts = (*ledger)->accounts();
    QVERIFY(accounts.isOk());
    QCOMPARE(accounts->size(), 1);
    QCOMPARE(accounts->front().name, QStringLiteral("Giro"));
    QCOMPARE(accounts->front().currency, QStringLiteral("EUR"));
    QCOMPARE(accounts->front().balance, qint64(-350 + 210000));
}

QTEST_GUILESS_MAIN(TestMappingProfiles)
#include "tst_mapping_profiles.moc"
