#include "provision/BatchCsv.h"

#include "base/InputError.h"
#include "catalog/TenantNames.h"
#include "pg/PgError.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>

namespace {
const QStringList header{QStringLiteral("slug"),   QStringLiteral("name"),     QStringLiteral("model"),
                         QStringLiteral("shard"),  QStringLiteral("template"), QStringLiteral("version"),
                         QStringLiteral("domains")};
}

QStringList BatchCsv::record(const QString& text, qsizetype& pos)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    while (pos < text.size()) {
        const QChar c = text.at(pos++);
        if (quoted) {
            if (c == u'"' && pos < text.size() && text.at(pos) == u'"') {
                field += u'"';
                ++pos;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields.append(field);
            field.clear();
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && pos < text.size() && text.at(pos) == u'\n')
                ++pos;
            break;
        } else {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

QList<BatchRow> BatchCsv::parse(const QByteArray& csv)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(csv);
    if (decoder.hasError())
        throw InputError(QStringLiteral("The file is not UTF-8 text: save it as UTF-8 CSV."));
    if (text.startsWith(QChar::ByteOrderMark))
        text.remove(0, 1);
    qsizetype pos = 0;
    QStringList first = record(text, pos);
    for (QString& f : first)
        f = f.trimmed().toLower();
    if (first != header)
        throw InputError(QStringLiteral("The first line must be the header \"%1\".").arg(header.join(u',')));

    QList<BatchRow> rows;
    QHash<QString, int> lines; // identifier -> line it first appeared on
    int line = 1;
    static const QRegularExpression domainSeparator(QStringLiteral("[;\\s]+"));
    while (pos < text.size()) {
        ++line;
        const QStringList fields = record(text, pos);
        if (fields.size() == 1 && fields.constFirst().trimmed().isEmpty())
            continue;
        if (rows.size() >= MaxRows)
            throw InputError(QStringLiteral("The file has more than %1 tenants: split it.").arg(MaxRows));
        BatchRow row;
        row.line = line;
        if (fields.size() != header.size()) {
            row.inputError = QStringLiteral("Line %1 has %2 fields; it needs %3 (%4).")
                                 .arg(line)
                                 .arg(fields.size())
                                 .arg(header.size())
                                 .arg(header.join(u','));
            rows.append(row);
            continue;
        }
        TenantSpec& s = row.spec;
        s.slug = fields[0].trimmed();
        s.displayName = fields[1];
        const QString model = fields[2].trimmed().isEmpty() ? QStringLiteral("schema") : fields[2].trimmed();
        const std::optional<IsolationModel> isolation = isolationModelFromString(model.toUtf8());
        s.shard = fields[3].trimmed().compare(QLatin1String("auto"), Qt::CaseInsensitive) == 0 ? QString()
                                                                                               : fields[3].trimmed();
        s.templateName = fields[4].trimmed();
        bool versionOk = true;
        s.templateVersion = fields[5].trimmed().isEmpty() ? 0 : fields[5].trimmed().toInt(&versionOk);
        s.domains = fields[6].split(domainSeparator, Qt::SkipEmptyParts);
        if (!isolation)
            row.inputError =
                QStringLiteral("Line %1: the model \"%2\" is not schema, database or shared.").arg(line).arg(model);
        else if (!versionOk)
            row.inputError = QStringLiteral("Line %1: the version \"%2\" is not a number.").arg(line).arg(fields[5]);
        else
            s.model = *isolation;
        const QString identifier = TenantNames::identifier(s.slug.toLower());
        if (row.inputError.isEmpty() && !s.slug.isEmpty()) {
            if (lines.contains(identifier))
                row.inputError = QStringLiteral("Line %1: the tenant \"%2\" is listed already, on line %3.")
                                     .arg(line)
                                     .arg(s.slug)
                                     .arg(lines.value(identifier));
            else
                lines.insert(identifier, line);
        }
        rows.append(row);
    }
    return rows;
}
