// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Status.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QTimeZone>

namespace ledgerguard {

class Ledger;

// The parameters and weights of the classic audit tests (core/audit/AuditTests.h; docs/DETECTION.md "Classic
// tests"), stored in the ledger's meta table under kAuditSettingsKey as JSON so a team shares them. A field missing
// from the stored JSON takes its default below.
struct AuditSettings
{
    // Weight in the combined score of each test, by test key (auditTestKeys()), each in [0, 1].
    QMap<QString, double> weights;
    // Exact duplicates: the same counterparty and amount booked within this many days (1..365).
    int duplicateWindowDays = 7;
    // Near-duplicates: the same amount within duplicateWindowDays and a counterparty (or a reference-bearing
    // description) at least this similar (0.5..1; 1 - edit distance / longer length of the normalised texts).
    double nearDuplicateSimilarity = 0.8;
    // Round amounts: multiples of this many major units (1..10^9); multiples of ten times it fire fully.
    qint64 roundUnit = 100;
    // The approval limit in major units of each account's currency (1..10^9).
    qint64 approvalLimit = 10000;
    // "Just below": within this percentage below the approval limit (0 < p < 100).
    double justBelowPercent = 5;
    // Split payments: at least splitCount just-below payments to one counterparty within splitWindowDays.
    int splitCount = 2;
    int splitWindowDays = 7;
    // Business hours in the ledger's time zone, minutes after midnight, [start, end).
    int businessStartMinute = 8 * 60;
    int businessEndMinute = 18 * 60;
    // Weekend days, 1 (Monday) .. 7 (Sunday).
    QList<int> weekendDays {6, 7};
    // Public holidays: fixed dates every year ("MM-DD") or once ("YYYY-MM-DD"), and presets computed per year
    // (kHolidayPresets).
    QStringList fixedHolidays {QStringLiteral("01-01"), QStringLiteral("12-25"), QStringLiteral("12-26")};
    QStringList holidayPresets {QStringLiteral("good_friday"), QStringLiteral("easter_monday")};
    // Period-end concentration: the last this many days of each month and quarter (1..10).
    int periodEndDays = 3;

    // The defaults, weights included (defaultWeights()).
    static AuditSettings defaults();
    static QMap<QString, double> defaultWeights();
    // Weight of a test key (0 for an unknown key).
    double weight(const QString& key) const { return weights.value(key, 0.0); }

    QJsonObject toJson() const;
    // Reads settings; a missing field keeps its default. Errors: InvalidArgument naming the field
    // ("weights.round_amount", "approvalLimit", "businessHours.start", "fixedHolidays[2]", ...) for a value out of
    // range or of the wrong type, and for an unknown field.
    static Result<AuditSettings> fromJson(const QJsonObject& json);
    // The same checks on a settings value (fromJson(toJson())).
    Status validate() const;

    // The holidays of `year`, each with its name (a preset's label, or "a public holiday" for a fixed date).
    QHash<QDate, QString> holidaysIn(int year) const;
};

// The tests' stable keys, in the order the Tests view, the report and the REST answer list them:
// "benford_first", "benford_first_two", "duplicate_payment", "near_duplicate", "round_amount", "just_below_limit",
// "split_payment", "weekend", "holiday", "off_hours", "period_end_month", "period_end_quarter".
const QStringList& auditTestKeys();
// A test's name in words ("Benford's law, first digit", "Duplicate payment", ...); empty for an unknown key.
QString auditTestName(const QString& key);

inline const QString kAuditSettingsKey = QStringLiteral("audit_settings");

// Holiday presets, by key: "easter_sunday", "good_friday", "easter_monday", "ascension" (Easter + 39 days),
// "whit_monday" (Easter + 50 days), "corpus_christi" (Easter + 60 days) (Gregorian Easter).
QStringList holidayPresetKeys();
QString holidayPresetLabel(const QString& key);
// The date of a preset in `year`; invalid for an unknown key.
QDate holidayPresetDate(const QString& key, int year);
// Gregorian Easter Sunday (anonymous Gregorian algorithm).
QDate easterSunday(int year);

// The ledger's audit settings: the stored ones, or the defaults while none are stored. Errors: those of
// Ledger::meta; Corruption when the stored JSON does not parse or fails validation (the message names the field).
Result<AuditSettings> loadAuditSettings(const Ledger& ledger);
// Validates and stores the settings (one meta write). Errors: InvalidArgument naming the field; those of setMeta.
Status saveAuditSettings(Ledger& ledger, const AuditSettings& settings);

// The time zone in which the audit tests read dates and times of day (weekends, holidays, business hours, period
// ends): the ledger's time zone (Ledger::timeZone, the one the rules read), so both agree on what a weekend is.
QTimeZone auditTimeZone(const Ledger& ledger);

} // namespace ledgerguard
