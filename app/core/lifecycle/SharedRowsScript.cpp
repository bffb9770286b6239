#include "lifecycle/SharedRowsScript.h"

#include "base/InputError.h"
#include "pg/LocalSettings.h"
#include "pg/SqlComment.h"
#include "pg/SqlResource.h"
#include "provision/TenantShardObjects.h"

#include <QDateTime>

namespace {

constexpr int BatchRows = 1000;
constexpr char Cursor[] = "tenantdesk_archive";

} // namespace

void SharedRowsScript::write(PgConnection& c, const ManagedTenant& t, const QString& ownerRole,
                             const QString& restoreCommand, OutputFile& out)
{
    const QString owner = c.quoteIdentifier(ownerRole);
    // The text forms pg_dump also reads with: unambiguous dates, exact floats, hex bytea.
    const QString textForms = SqlResource::text("provision/archive_text_forms.sql");
    out.write(
        SqlComment::oneLine(QStringLiteral("-- TenantDesk archive of the shared-table tenant %1 (key %2), from %3, "
                                           "database %4, at %5.")
                                .arg(t.slug, t.tenantKey, t.shard.label(), t.shard.tenantDatabase,
                                     QDateTime::currentDateTimeUtc().toString(Qt::ISODate)))
            .toUtf8());
    out.write(
        QStringLiteral("\n-- Its rows of every shared table as INSERT statements, in one transaction as %1 with\n"
                       "-- app.tenant_id set to its key, so that row-level security accepts them: all rows or none.\n"
                       "-- Restore it with this command, as a role that may SET ROLE %1 (for another shard or\n"
                       "-- database, change -h, -p and -d):\n")
            .arg(SqlComment::oneLine(owner))
            .toUtf8());
    out.write(("--   " + SqlComment::oneLine(restoreCommand) + u'\n').toUtf8());
    out.write((QStringLiteral("SET client_encoding = 'UTF8';\nBEGIN;\n") + LocalSettings::role(c, ownerRole)
               + QStringLiteral(";\n") + LocalSettings::pinSearchPath() + QStringLiteral(";\n") + textForms
               + LocalSettings::tenantScript(c, t.tenantKey) + QStringLiteral(";\n"))
                  .toUtf8());
    c.transaction(
        [&] {
            c.execScript(LocalSettings::pinSearchPath() + u';' + textForms + LocalSettings::role(c, ownerRole));
            LocalSettings::setTenant(c, t.tenantKey);
            // Parents before children, so that the script restores without foreign-key errors.
            QList<std::pair<QString, QString>> tables = TenantShardObjects::sharedTables(c);
            std::reverse(tables.begin(), tables.end());
            for (const auto& [schema, table] : tables)
                writeTable(c, schema, table, out);
        },
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    out.write("COMMIT;\n");
}

void SharedRowsScript::writeTable(PgConnection& c, const QString& schema, const QString& table, OutputFile& out)
{
    const QByteArray name = (c.quoteIdentifier(schema) + u'.' + c.quoteIdentifier(table)).toUtf8();
    const PgResult columns = c.exec(SqlResource::text("provision/archive_columns.sql"), {schema, table});
    QByteArrayList names;
    bool generatedAlways = false;
    QList<std::pair<QByteArray, QByteArray>> sequences; // column, sequence as a literal
    for (int row = 0; row < columns.rows(); ++row) {
        names << c.quoteIdentifier(columns.text(row, 0)).toUtf8();
        generatedAlways = generatedAlways || columns.text(row, 1) == QLatin1String("t");
        if (!columns.isNull(row, 3))
            sequences.append({names.last(), c.quoteLiteral((c.quoteIdentifier(columns.text(row, 2)) + u'.'
                                                            + c.quoteIdentifier(columns.text(row, 3)))
                                                               .toUtf8())});
    }
    const QByteArray insert = "INSERT INTO " + name + " (" + names.join(", ") + ")"
                              + (generatedAlways ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES\n";
    // The key is in the session setting; row-level security filters by it as well.
    // Built from the quoted names, never by filling placeholders a name could hold.
    c.execScript(QStringLiteral("DECLARE ") + QLatin1String(Cursor) + QStringLiteral(" NO SCROLL CURSOR FOR SELECT ")
                 + QString::fromUtf8(names.join(", ")) + QStringLiteral(" FROM ") + QString::fromUtf8(name)
                 + QStringLiteral(" WHERE tenant_id = pg_catalog.current_setting('app.tenant_id')::uuid"));
    for (;;) {
        const PgResult batch = c.exec(
            QStringLiteral("FETCH FORWARD %1 FROM %2").arg(BatchRows).arg(QLatin1String(Cursor)));
        if (batch.rows() == 0)
            break;
        QByteArray statement = insert;
        for (int row = 0; row < batch.rows(); ++row) {
            statement += row == 0 ? "(" : ",\n(";
            for (int column = 0; column < batch.columns(); ++column) {
                if (column > 0)
                    statement += ", ";
                statement += batch.isNull(row, column) ? QByteArray("NULL") : c.quoteLiteral(batch.bytes(row, column));
            }
            statement += ')';
        }
        out.write(statement + ";\n");
    }
    c.execScript(QStringLiteral("CLOSE %1").arg(QLatin1String(Cursor)));
    // Other tenants draw from the same sequences: never moved back, only past this tenant's rows.
    for (const auto& [column, sequence] : sequences)
        out.write("SELECT pg_catalog.setval(" + sequence + ", r.m) FROM (SELECT pg_catalog.max(" + column
                  + ") AS m FROM " + name + ") r WHERE r.m > coalesce(pg_catalog.pg_sequence_last_value(" + sequence
                  + "), 0);\n");
}
