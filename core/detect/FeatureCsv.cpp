// SPDX-License-Identifier: GPL-3.0-or-later
#include "detect/FeatureCsv.h"

#include "detect/ReadFile_p.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace ledgerguard {

namespace {

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    return s;
}

// Calls field(index, text) for each comma-separated field of `line` (a comma inside a double-quoted field does not
// separate; the quotes are removed by trimmed()); returns the number of fields.
template<typename Field> int splitFields(std::string_view line, const Field& field)
{
    int index = 0;
    for (;;) {
        std::size_t comma = 0;
        bool quoted = false;
        while (comma < line.size() && (quoted || line[comma] != ',')) {
            if (line[comma] == '"')
                quoted = !quoted; // a doubled quote inside a quoted field toggles twice
            ++comma;
        }
        field(index++, trimmed(line.substr(0, comma)));
        if (comma >= line.size())
            return index;
        line.remove_prefix(comma + 1);
    }
}

Status badCsv(const QString& message)
{
    return Status::invalidArgument(QStringLiteral("csv"), message);
}

} // namespace

Result<FeatureTable> parseFeatureCsv(const QByteArray& text, const QString& labelColumn)
{
    std::string_view rest(text.constData(), static_cast<std::size_t>(text.size()));
    auto nextLine = [&rest]() {
        const std::size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        return line;
    };
    std::string_view header;
    while (!rest.empty() && trimmed(header).empty())
        header = nextLine();
    if (trimmed(header).empty())
        return badCsv(QStringLiteral("no header line"));

    FeatureTable table;
    int labelIndex = -1;
    const int fieldCount = splitFields(header, [&](int i, std::string_view name) {
        const QString column = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
        if (labelIndex < 0 && column == labelColumn)
            labelIndex = i;
        else
            table.columns.append(column);
    });
    const int d = static_cast<int>(table.columns.size());
    if (d == 0)
        return badCsv(QStringLiteral("no feature column besides '%1'").arg(labelColumn));

    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(text.size() / 8));
    Status error;
    int lineNumber = 1;
    while (!rest.empty() && error.isOk()) {
        const std::string_view line = nextLine();
        ++lineNumber;
        if (trimmed(line).empty())
            continue;
        int column = 0;
        const int fields = splitFields(line, [&](int i, std::string_view field) {
            double v = 0.0;
            const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
            if (!error.isOk() || i >= fieldCount)
                return;
            if (ec != std::errc() || end != field.data() + field.size() || field.empty() || !std::isfinite(v)) {
                const QString name = i == labelIndex ? labelColumn : table.columns.value(column);
                error = badCsv(QStringLiteral("line %1, column '%2': '%3' is not a finite number")
                                   .arg(lineNumber)
                                   .arg(name, QString::fromUtf8(field.data(), static_cast<qsizetype>(field.size()))));
                return;
            }
            if (i == labelIndex) {
                table.labels.push_back(v != 0.0 ? 1 : 0);
            } else {
                values.push_back(v);
                ++column;
            }
        });
        if (error.isOk() && fields != fieldCount)
            error = badCsv(
                QStringLiteral("line %1 has %2 fields; the header has %3").arg(lineNumber).arg(fields).arg(fieldCount));
    }
    if (!error.isOk())
        return error;
    const Eigen::Index rows = static_cast<Eigen::Index>(values.size()) / d;
    table.X = Eigen::Map<const FeatureMatrix>(values.data(), rows, d);
    return table;
}

Result<FeatureTable> readFeatureCsv(const QString& path, const QString& labelColumn)
{
    const auto text = detail::readWholeFile(path);
    if (!text)
        return text.status();
    return parseFeatureCsv(*text, labelColumn);
}

} // namespace ledgerguard
