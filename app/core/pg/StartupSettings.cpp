#include "pg/StartupSettings.h"

#include "pg/SqlResource.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <climits>

namespace {

// The words of an options string as the server splits them: at unescaped white space, with a
// backslash taking the next character literally ("-c search_path=a\ b").
QStringList words(const QString& options)
{
    QStringList result;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QChar c = options[i];
        if (c == u'\\' && i + 1 < options.size()) {
            word += options[++i];
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                result.append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        result.append(word);
    return result;
}

} // namespace

StartupSettings StartupSettings::parse(const QString& options)
{
    StartupSettings parsed;
    const QStringList all = words(options);
    for (qsizetype i = 0; i < all.size(); ++i) {
        QString assignment;
        if (all[i] == QLatin1String("-c") && i + 1 < all.size())
            assignment = all[++i];
        else if (all[i].startsWith(QLatin1String("-c")) && all[i].size() > 2)
            assignment = all[i].mid(2);
        else if (all[i].startsWith(QLatin1String("--")))
            assignment = all[i].mid(2);
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals <= 0) {
            parsed.m_unsupported.append(all[i]);
            continue;
        }
        // As the server reads them: "-c lock-timeout=1s" is lock_timeout.
        const QString name = assignment.left(equals).replace(u'-', u'_');
        parsed.m_settings.removeIf([&](const Setting& s) { return s.first == name; });
        parsed.m_settings.append({name, assignment.mid(equals + 1)});
    }
    return parsed;
}

int StartupSettings::statementTimeoutMs() const
{
    for (const Setting& s : m_settings) {
        if (s.first != QLatin1String("statement_timeout"))
            continue;
        const QString value = s.second.trimmed();
        qsizetype digits = 0;
        while (digits < value.size() && value[digits].isDigit())
            ++digits;
        const QString unit = value.mid(digits).trimmed();
        const qint64 factor = unit == QLatin1String("s")     ? 1000
                              : unit == QLatin1String("min") ? 60'000
                              : unit == QLatin1String("h")   ? 3'600'000
                              : unit == QLatin1String("d")   ? 86'400'000
                                                             : 1;
        return int(std::min<qint64>(value.left(digits).toLongLong() * factor, INT_MAX / 2));
    }
    return 0;
}

QString StartupSettings::localSettingsSql()
{
    return SqlResource::text(QStringLiteral("pg/local_settings.sql"));
}

QString StartupSettings::jsonParameter() const
{
    QJsonArray pairs;
    for (const auto& [name, value] : m_settings) {
        pairs.append(QJsonArray{name, value});
        // Set now, default_transaction_read_only comes too late for the transaction already open.
        if (name == QLatin1String("default_transaction_read_only") && value != QLatin1String("off")
            && value != QLatin1String("false") && value != QLatin1String("0"))
            pairs.append(QJsonArray{QStringLiteral("transaction_read_only"), value});
    }
    return QString::fromUtf8(QJsonDocument(pairs).toJson(QJsonDocument::Compact));
}
