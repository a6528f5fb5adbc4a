// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"
#include "util/Status.h"

#include <QSettings>
#include <QString>
#include <QStringList>

namespace ledgerguard {

// Named CSV mapping profiles ("my bank's CSV"), kept in QSettings so the desktop dialog and `ledgerguard import
// --profile NAME` share them. QtCore only.
//
// A profile is a CsvMapping (delimiter, header line, the column of each mapped field by 1-based index or header name,
// date order, date format, decimal separator) plus the file's encoding and the currency of rows whose file names
// none; an empty / default member means "detect" as in CsvMapping. The built-in profile kLedgerGuardCsvProfile
// (ledgerGuardCsvMapping(), the files `ledgerguard export` writes) is always listed and cannot be saved over or
// removed. Profiles live under the settings group kMappingProfilesGroup, one subgroup per name (the name
// percent-encoded, so any text is a valid name).
struct MappingProfile
{
    QString name;
    CsvMapping mapping;
    QString encoding; // empty: detect
    QString defaultCurrency; // ISO 4217; empty: none
    bool operator==(const MappingProfile&) const = default;
};

inline constexpr auto kLedgerGuardCsvProfile = "LedgerGuard CSV";
inline constexpr auto kMappingProfilesGroup = "importProfiles";
inline constexpr int kMaxProfileNameLength = 100;

// The built-in profile first, then the saved ones sorted case-insensitively.
QStringList mappingProfileNames(QSettings& settings);
bool isBuiltInMappingProfile(const QString& name);
// Errors: NotFound naming the profile and listing the known names.
Result<MappingProfile> loadMappingProfile(QSettings& settings, const QString& name);
// Creates or replaces the profile of profile.name (trimmed). Errors: InvalidArgument("name") for an empty or too
// long name or the built-in one; IoError when the settings cannot be written.
Status saveMappingProfile(QSettings& settings, const MappingProfile& profile);
// Errors: InvalidArgument("name") for the built-in profile, NotFound for an unknown one, IoError.
Status removeMappingProfile(QSettings& settings, const QString& name);

// `mapping` with `overrides` applied: the override's delimiter, header line, date order, date format and decimal
// separator where set, and its columns replacing the mapping's columns of the same fields.
CsvMapping overrideMapping(const CsvMapping& mapping, const CsvMapping& overrides);

} // namespace ledgerguard
