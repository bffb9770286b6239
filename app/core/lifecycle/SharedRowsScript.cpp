#include "lifecycle/SharedRowsScript.h"

#include "pg/SqlComment.h"
#include "pg/SqlResource.h"
#include "provision/TenantShardObjects.h"

#include <QDateTime>
#include <libpq-fe.h>

namespace {

constexpr int BatchRows = 1000;
constexpr char Cursor[] = "tenantdesk_archive";

// PQescapeLiteral: a value as a SQL literal, whatever its bytes.
QByteArray literal(const PgConnection& c, QByteArrayView value)
{
    char* quoted = PQescapeLiteral(c.raw(), value.data(), size_t(value.size()));
    if (!quoted)
        throw PgError::usage(QStringLiteral("Cannot quote a value: ") +
                             QString::fromUtf8(PQerrorMessage(c.raw())));
    QByteArray result(quoted);
    PQfreemem(quoted);
    return result;
}

} // namespace

void SharedRowsScript::write(PgConnection& c, const ManagedTenant& t, const QString& ownerRole,
                             const QString& restoreCommand, OutputFile& out)
{
    const QString owner = c.quoteIdentifier(ownerRole);
    out.write(
        SqlComment::oneLine(QStringLiteral("-- TenantDesk archive of the shared-table tenant %1 (key %2), from %3, "
                                   "database %4, at %5.")
                        .arg(t.slug, t.tenantKey, t.shard.label(), t.shard.tenantDatabase,
                             QDateTime::currentDateTimeUtc().toString(Qt::ISODate)))
            .toUtf8());
    out.write(
        QStringLiteral(
            "\n-- Its rows of every shared table as INSERT statements, in one transaction as %1 with\n"
            "-- app.tenant_id set to its key, so that row-level security accepts them: all rows or none.\n"
            "-- Restore it with this command, as a role that may SET ROLE %1 (for another shard or\n"
            "-- database, change -h, -p and -d):\n")
            .arg(SqlComment::oneLine(owner))
            .toUtf8());
    out.write(("--   " + SqlComment::oneLine(restoreCommand) + u'\n').toUtf8());
    out.write("SET client_encoding = 'UTF8';\nBEGIN;\nSET LOCAL ROLE " + owner.toUtf8() +
              ";\nSET LOCAL search_path = pg_catalog;\nSET LOCAL DateStyle = ISO;\nSET LOCAL IntervalStyle = "
              "postgres;\n"
              "SELECT pg_catalog.set_config('app.tenant_id', " +
              literal(c, t.tenantKey.toUtf8()) + ", true);\n");
    c.transaction(
        [&] {
            // The text forms pg_dump also reads with: unambiguous dates, exact floats, hex bytea.
            c.execScript(
                QStringLiteral("SET LOCAL search_path = pg_catalog; SET LOCAL DateStyle = ISO; "
                               "SET LOCAL IntervalStyle = postgres; SET LOCAL extra_float_digits = 3; "
                               "SET LOCAL bytea_output = hex;") +
                QStringLiteral("SET LOCAL ROLE ") + owner);
            c.exec(QStringLiteral("SELECT pg_catalog.set_config('app.tenant_id', $1, true)"), {t.tenantKey});
            // Parents before children, so that the script restores without foreign-key errors.
            QList<std::pair<QString, QString>> tables = TenantShardObjects::sharedTables(c);
            std::reverse(tables.begin(), tables.end());
            for (const auto& [schema, table] : tables)
                writeTable(c, schema, table, out);
        },
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    out.write("COMMIT;\n");
}

void SharedRowsScript::writeTable(PgConnection& c, const QString& schema, const QString& table,
                                  OutputFile& out)
{
    const QByteArray name = (c.quoteIdentifier(schema) + u'.' + c.quoteIdentifier(table)).toUtf8();
    const PgResult columns =
        c.exec(SqlResource::text(QStringLiteral("provision/archive_columns.sql")), {schema, table});
    QByteArrayList names;
    bool generatedAlways = false;
    QList<std::pair<QByteArray, QByteArray>> sequences; // column, sequence as a literal
    for (int row = 0; row < columns.rows(); ++row) {
        names << c.quoteIdentifier(columns.text(row, 0)).toUtf8();
        generatedAlways = generatedAlways || columns.text(row, 1) == QLatin1String("t");
        if (!columns.isNull(row, 3))
            sequences.append({names.last(), literal(c, (c.quoteIdentifier(columns.text(row, 2)) + u'.' +
                                                        c.quoteIdentifier(columns.text(row, 3)))
                                                           .toUtf8())});
    }
    const QByteArray insert = "INSERT INTO " + name + " (" + names.join(", ") + ")" +
                              (generatedAlways ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES\n";
    // The key is in the session setting; row-level security filters by it as well.
    c.execScript(
        QStringLiteral("DECLARE %1 NO SCROLL CURSOR FOR SELECT %2 FROM %3 "
                       "WHERE tenant_id = pg_catalog.current_setting('app.tenant_id')::uuid")
            .arg(QLatin1String(Cursor), QString::fromUtf8(names.join(", ")), QString::fromUtf8(name)));
    for (;;) {
        const PgResult batch =
            c.exec(QStringLiteral("FETCH FORWARD %1 FROM %2").arg(BatchRows).arg(QLatin1String(Cursor)));
        if (batch.rows() == 0)
            break;
        QByteArray statement = insert;
        for (int row = 0; row < batch.rows(); ++row) {
            statement += row == 0 ? "(" : ",\n(";
            for (int column = 0; column < batch.columns(); ++column) {
                if (column > 0)
                    statement += ", ";
                statement +=
                    batch.isNull(row, column) ? QByteArray("NULL") : literal(c, batch.bytes(row, column));
            }
            statement += ')';
        }
        out.write(statement + ";\n");
    }
    c.execScript(QStringLiteral("CLOSE %1").arg(QLatin1String(Cursor)));
    // Other tenants draw from the same sequences: never moved back, only past this tenant's rows.
    for (const auto& [column, sequence] : sequences)
        out.write("SELECT pg_catalog.setval(" + sequence + ", r.m) FROM (SELECT pg_catalog.max(" + column +
                  ") AS m FROM " + name + ") r WHERE r.m > coalesce(pg_catalog.pg_sequence_last_value(" +
                  sequence + "), 0);\n");
}
