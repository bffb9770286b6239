#include "templates/DumpedDdl.h"

#include "pg/PgDump.h"
#include "pg/SqlComment.h"
#include "templates/SqlStatements.h"

#include <QRegularExpression>

namespace {

bool isSessionSetting(const QString& statement)
{
    return statement.startsWith(QLatin1String("SET "), Qt::CaseInsensitive)
           || statement.startsWith(QLatin1String("SELECT pg_catalog.set_config("), Qt::CaseInsensitive);
}

// An extension's comment is its own (set by CREATE EXTENSION), and only its owner may set it.
bool isExtensionComment(const QString& statement)
{
    return statement.startsWith(QLatin1String("COMMENT ON EXTENSION "), Qt::CaseInsensitive);
}

} // namespace

DumpedDdl::DumpedDdl(const QString& dump, const QString& schema, const QString& header)
{
    // pg_dump quotes identifiers as exactPattern does: in double quotes, quotes doubled.
    const QString quoted = PgDump::exactPattern(schema);
    const QString qualifier = quoted + u'.';
    // The same qualifier inside a string literal, where a quote of the name is doubled once more.
    const QString literalQualifier = QString(qualifier).replace(u'\'', QLatin1String("''"));
    const QString ownSchema = QStringLiteral("CREATE SCHEMA ") + quoted + u';';
    QStringList kept{SqlComment::oneLine(QStringLiteral("-- ") + header),
                     QStringLiteral("SET LOCAL check_function_bodies = false;")};
    for (QString statement : SqlStatements::split(dump)) {
        if (isSessionSetting(statement) || isExtensionComment(statement) || statement == ownSchema)
            continue;
        statement.replace(qualifier, QString());
        if (literalQualifier != qualifier)
            statement.replace(literalQualifier, QString());
        kept << statement;
        ++m_statements;
    }
    m_ddl = kept.join(QLatin1String("\n\n")) + u'\n';
    // Not "WITH SCHEMA "public"" of an extension in a database: that names the schema, rightly.
    m_unresolved = int(
        m_ddl.count(QRegularExpression(QStringLiteral("(?<!SCHEMA )") + QRegularExpression::escape(quoted))));
    // An unquoted mention, as in a function body written by hand: "acme.orders".
    static const QRegularExpression plainName(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
    if (plainName.match(schema).hasMatch()) {
        const QRegularExpression mention(QStringLiteral("(?<![\\w$\"])%1\\.").arg(QRegularExpression::escape(schema)));
        m_unresolved += int(m_ddl.count(mention));
    }
}
