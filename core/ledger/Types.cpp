// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Types.h"

#include <array>
#include <utility>

namespace ledgerguard {

namespace {

template<typename E, size_t N> using Table = std::array<std::pair<E, const char*>, N>;

const Table<AccountType, 7> kAccountTypeKeys = {{{AccountType::Checking, "checking"},
                                                 {AccountType::Savings, "savings"},
                                                 {AccountType::CreditCard, "credit_card"},
                                                 {AccountType::Receivable, "receivable"},
                                                 {AccountType::Payable, "payable"},
                                                 {AccountType::TaxReserve, "tax_reserve"},
                                                 {AccountType::Cash, "cash"}}};
const Table<AccountType, 7> kAccountTypeLabels = {{{AccountType::Checking, "Checking"},
                                                   {AccountType::Savings, "Savings"},
                                                   {AccountType::CreditCard, "Credit card"},
                                                   {AccountType::Receivable, "Accounts receivable"},
                                                   {AccountType::Payable, "Accounts payable"},
                                                   {AccountType::TaxReserve, "Tax reserve"},
                                                   {AccountType::Cash, "Cash"}}};

const Table<Category, 13> kCategoryKeys = {{{Category::Payroll, "payroll"},
                                            {Category::Rent, "rent"},
                                            {Category::Utilities, "utilities"},
                                            {Category::CardSpend, "card_spend"},
                                            {Category::CustomerReceipt, "customer_receipt"},
                                            {Category::SupplierPayment, "supplier_payment"},
                                            {Category::Tax, "tax"},
                                            {Category::Fees, "fees"},
                                            {Category::Transfer, "transfer"},
                                            {Category::Interest, "interest"},
                                            {Category::Refund, "refund"},
                                            {Category::Other, "other"},
                                            {Category::OpeningBalance, "opening_balance"}}};
const Table<Category, 13> kCategoryLabels = {{{Category::Payroll, "Payroll"},
                                              {Category::Rent, "Rent"},
                                              {Category::Utilities, "Utilities"},
                                              {Category::CardSpend, "Card spend"},
                                              {Category::CustomerReceipt, "Customer receipt"},
                                              {Category::SupplierPayment, "Supplier payment"},
                                              {Category::Tax, "Tax"},
                                              {Category::Fees, "Fees"},
                                              {Category::Transfer, "Transfer"},
                                              {Category::Interest, "Interest"},
                                              {Category::Refund, "Refund"},
                                              {Category::Other, "Other"},
                                              {Category::OpeningBalance, "Opening balance"}}};

const Table<Source, 4> kSourceKeys = {
    {{Source::Manual, "manual"}, {Source::Generator, "generator"}, {Source::Api, "api"}, {Source::Import, "import"}}};

const Table<AnomalyStatus, 4> kStatusKeys = {{{AnomalyStatus::Open, "open"},
                                              {AnomalyStatus::Confirmed, "confirmed"},
                                              {AnomalyStatus::Dismissed, "dismissed"},
                                              {AnomalyStatus::Cleared, "cleared"}}};
const Table<CaseSource, 2> kCaseSourceKeys = {{{CaseSource::Detector, "detector"}, {CaseSource::Analyst, "analyst"}}};
const Table<Label, 2> kLabelKeys = {{{Label::Fraud, "fraud"}, {Label::Normal, "normal"}}};

const Table<AnomalyType, 8> kAnomalyTypeKeys = {{{AnomalyType::AmountSpike, "amount_spike"},
                                                 {AnomalyType::UnusualHour, "unusual_hour"},
                                                 {AnomalyType::NewCounterparty, "new_counterparty"},
                                                 {AnomalyType::NewCategory, "new_category"},
                                                 {AnomalyType::RapidBurst, "rapid_burst"},
                                                 {AnomalyType::DuplicatePayment, "duplicate_payment"},
                                                 {AnomalyType::RoundAmount, "round_amount"},
                                                 {AnomalyType::CompromisedCounterparty, "compromised_counterparty"}}};
const Table<AnomalyType, 8> kAnomalyTypeLabels = {{{AnomalyType::AmountSpike, "Unusual amount"},
                                                   {AnomalyType::UnusualHour, "Unusual hour"},
                                                   {AnomalyType::NewCounterparty, "New counterparty"},
                                                   {AnomalyType::NewCategory, "New category"},
                                                   {AnomalyType::RapidBurst, "Rapid burst"},
                                                   {AnomalyType::DuplicatePayment, "Duplicate payment"},
                                                   {AnomalyType::RoundAmount, "Round amount"},
                                                   {AnomalyType::CompromisedCounterparty, "Compromised counterparty"}}};

// A table's names as strings, made once per table by the function that keeps them (a name returned is then a shared
// copy, not a new string: the REST list writes a category and a source key per row).
template<typename E, size_t N> std::array<std::pair<E, QString>, N> qstrings(const Table<E, N>& table)
{
    std::array<std::pair<E, QString>, N> out;
    for (size_t i = 0; i < N; ++i)
        out[i] = {table[i].first, QString::fromLatin1(table[i].second)};
    return out;
}

template<typename E, size_t N> QString lookup(const std::array<std::pair<E, QString>, N>& names, E value)
{
    for (const auto& [e, name] : names) {
        if (e == value)
            return name;
    }
    return {};
}

// The enum value named `key`, compared without regard to case (one rule for every enum name the API and the files
// accept: "open", "OPEN" and "Open" are the same status).
template<typename E, size_t N> std::optional<E> reverse(const Table<E, N>& table, const QString& key)
{
    for (const auto& [e, name] : table) {
        if (key.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return e;
    }
    return std::nullopt;
}

template<typename E, size_t N> QList<E> all(const Table<E, N>& table)
{
    QList<E> out;
    for (const auto& entry : table)
        out.append(entry.first);
    return out;
}

} // namespace

QString accountTypeKey(AccountType type)
{
    static const auto names = qstrings(kAccountTypeKeys);
    return lookup(names, type);
}
QString accountTypeLabel(AccountType type)
{
    static const auto names = qstrings(kAccountTypeLabels);
    return lookup(names, type);
}
std::optional<AccountType> accountTypeFromKey(const QString& key)
{
    return reverse(kAccountTypeKeys, key);
}
QList<AccountType> allAccountTypes()
{
    return all(kAccountTypeKeys);
}

QString categoryKey(Category category)
{
    static const auto names = qstrings(kCategoryKeys);
    return lookup(names, category);
}
QString categoryLabel(Category category)
{
    static const auto names = qstrings(kCategoryLabels);
    return lookup(names, category);
}
std::optional<Category> categoryFromKey(const QString& key)
{
    return reverse(kCategoryKeys, key);
}
QList<Category> allCategories()
{
    return all(kCategoryKeys);
}

QString sourceKey(Source source)
{
    static const auto names = qstrings(kSourceKeys);
    return lookup(names, source);
}
std::optional<Source> sourceFromKey(const QString& key)
{
    return reverse(kSourceKeys, key);
}

QString anomalyStatusKey(AnomalyStatus status)
{
    static const auto names = qstrings(kStatusKeys);
    return lookup(names, status);
}
std::optional<AnomalyStatus> anomalyStatusFromKey(const QString& key)
{
    return reverse(kStatusKeys, key);
}

QList<AnomalyStatus> allAnomalyStatuses()
{
    return {AnomalyStatus::Open, AnomalyStatus::Confirmed, AnomalyStatus::Dismissed, AnomalyStatus::Cleared};
}

QString caseSourceKey(CaseSource source)
{
    static const auto names = qstrings(kCaseSourceKeys);
    return lookup(names, source);
}

QString labelKey(Label label)
{
    static const auto names = qstrings(kLabelKeys);
    return lookup(names, label);
}

std::optional<Label> labelFromKey(const QString& key)
{
    return reverse(kLabelKeys, key.trimmed().toLower());
}

QString anomalyTypeKey(AnomalyType type)
{
    static const auto names = qstrings(kAnomalyTypeKeys);
    return lookup(names, type);
}
QString anomalyTypeLabel(AnomalyType type)
{
    static const auto names = qstrings(kAnomalyTypeLabels);
    return lookup(names, type);
}
std::optional<AnomalyType> anomalyTypeFromKey(const QString& key)
{
    return reverse(kAnomalyTypeKeys, key);
}
QList<AnomalyType> allAnomalyTypes()
{
    return all(kAnomalyTypeKeys);
}

QString healthKey(Health health)
{
    switch (health) {
    case Health::AtRisk:
        return QStringLiteral("AT_RISK");
    case Health::Watch:
        return QStringLiteral("WATCH");
    case Health::Healthy:
        break;
    }
    return QStringLiteral("HEALTHY");
}

QString healthLabel(Health health)
{
    switch (health) {
    case Health::AtRisk:
        return QStringLiteral("At risk");
    case Health::Watch:
        return QStringLiteral("Watch");
    case Health::Healthy:
        break;
    }
    return QStringLiteral("Healthy");
}

} // namespace ledgerguard
