#include "pg/Ddl.h"

namespace {

QString keywords(Ddl::On on)
{
    switch (on) {
    case Ddl::On::Schema:
        return QStringLiteral("SCHEMA");
    case Ddl::On::AllTablesInSchema:
        return QStringLiteral("ALL TABLES IN SCHEMA");
    case Ddl::On::AllSequencesInSchema:
        return QStringLiteral("ALL SEQUENCES IN SCHEMA");
    case Ddl::On::Database:
        return QStringLiteral("DATABASE");
    }
    Q_UNREACHABLE();
}

} // namespace

QString Ddl::qualified(const QString& schema, const QString& name) const
{
    return q(schema) + u'.' + q(name);
}

QString Ddl::createSchema(const QString& schema) const
{
    return QStringLiteral("CREATE SCHEMA ") + q(schema);
}

QString Ddl::createSchema(const QString& schema, const QString& owner) const
{
    return createSchema(schema) + QStringLiteral(" AUTHORIZATION ") + q(owner);
}

QString Ddl::dropSchema(const QString& schema) const
{
    return QStringLiteral("DROP SCHEMA IF EXISTS ") + q(schema) + QStringLiteral(" CASCADE");
}

QString Ddl::createDatabase(const QString& database, const QString& owner) const
{
    return createDatabase(database, owner, DatabaseOptions());
}

QString Ddl::createDatabase(const QString& database, const QString& owner, const DatabaseOptions& options) const
{
    QString sql = QStringLiteral("CREATE DATABASE ") + q(database);
    if (!options.copyOf.isEmpty())
        sql += QStringLiteral(" TEMPLATE ") + q(options.copyOf) + QStringLiteral(" STRATEGY WAL_LOG");
    sql += QStringLiteral(" OWNER ") + q(owner);
    if (options.isTemplate)
        sql += QStringLiteral(" IS_TEMPLATE true");
    if (options.closed)
        sql += QStringLiteral(" ALLOW_CONNECTIONS false");
    return sql;
}

QString Ddl::dropDatabase(const QString& database) const
{
    return QStringLiteral("DROP DATABASE IF EXISTS ") + q(database);
}

QString Ddl::renameDatabase(const QString& from, const QString& to) const
{
    return QStringLiteral("ALTER DATABASE ") + q(from) + QStringLiteral(" RENAME TO ") + q(to);
}

QString Ddl::openDatabase(const QString& database) const
{
    return QStringLiteral("ALTER DATABASE ") + q(database) + QStringLiteral(" WITH ALLOW_CONNECTIONS true");
}

QString Ddl::privilege(const char* verb, const char* privileges, On on, const QString& object) const
{
    return QLatin1String(verb) + u' ' + QLatin1String(privileges) + QStringLiteral(" ON ") + keywords(on) + u' '
           + q(object);
}

QString Ddl::grant(const char* privileges, On on, const QString& object, const QString& role) const
{
    return privilege("GRANT", privileges, on, object) + QStringLiteral(" TO ") + q(role);
}

QString Ddl::revoke(const char* privileges, On on, const QString& object, const QString& role) const
{
    return privilege("REVOKE", privileges, on, object) + QStringLiteral(" FROM ") + q(role);
}

QString Ddl::revokeFromPublic(const char* privileges, On on, const QString& object) const
{
    return privilege("REVOKE", privileges, on, object) + QStringLiteral(" FROM PUBLIC");
}

QString Ddl::grantSelectOnFutureTables(const QString& creator, const QString& schema, const QString& role) const
{
    return QStringLiteral("ALTER DEFAULT PRIVILEGES FOR ROLE ") + q(creator) + QStringLiteral(" IN SCHEMA ") + q(schema)
           + QStringLiteral(" GRANT SELECT ON TABLES TO ") + q(role);
}

QString Ddl::lockForReading(const QString& schema, const QString& table) const
{
    return QStringLiteral("LOCK TABLE ") + qualified(schema, table) + QStringLiteral(" IN ACCESS SHARE MODE");
}
