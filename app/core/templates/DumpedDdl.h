#pragma once

#include <QString>
#include <QStringList>

// Turns what `pg_dump --schema-only --no-owner --no-privileges --quote-all-identifiers` wrote
// about one schema (or one database) into template DDL, which runs in whichever schema the
// search_path names (TenantProvisioner sets it to the new tenant's schema, or to public of a
// new tenant database):
// - every qualification by the source schema goes: pg_dump writes it as "name". (quoted, since
//   every identifier is), also inside literals such as nextval('"acme"."orders_id_seq"'), so a
//   plain text match finds exactly it, whatever the name holds (quotes, newlines, $1, braces);
// - pg_dump's session settings (SET ..., set_config('search_path', '', false): session state
//   that would outlive the provisioning transaction), its psql meta-commands (\restrict), its
//   comments, extensions' own comments and the CREATE SCHEMA of the source schema go;
// - SET LOCAL check_function_bodies = false comes first, as pg_dump's own script has it: it
//   creates functions before the tables their bodies use.
// What it cannot rewrite is said in unresolved(): the name still written in function bodies
// (pg_dump prints those as their author wrote them) or settings.
class DumpedDdl {
public:
    // schema: the source schema (a tenant's own, or public of a tenant database). header: a
    // comment line saying where the DDL comes from (made one line here).
    DumpedDdl(const QString& dump, const QString& schema, const QString& header);

    const QString& ddl() const { return m_ddl; }
    int statements() const { return m_statements; }
    // How often the source schema's name is still in the DDL after the rewrite.
    int unresolved() const { return m_unresolved; }

private:
    QString m_ddl;
    int m_statements = 0;
    int m_unresolved = 0;
};
