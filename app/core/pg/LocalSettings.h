#pragma once

#include "pg/PgConnection.h"

#include <QString>
#include <QStringList>

// The settings TenantDesk gives a transaction, each statement written here once. All are local to
// the transaction (SET LOCAL, set_config(..., true)): none outlives it on a connection that is
// reused, as a session SET would. Names come quoted by the connection.
namespace LocalSettings {
// SET LOCAL search_path = pg_catalog: admin work schema-qualifies everything, so that nothing of a
// tenant's (nor a database's own search_path) stands in for PostgreSQL's functions and operators.
QString pinSearchPath();
void pinSearchPath(PgConnection& c);
// begin (BEGIN, BEGIN READ ONLY ...) and pinSearchPath() in one script: for
// PgConnection::transaction(), one round trip fewer than pinning as its first statement.
QString beginPinned(const QString& begin = QStringLiteral("BEGIN"));
// SET LOCAL search_path = <schemas>: a template's unqualified DDL creates its objects in the
// first; a tenant's unqualified names resolve in them.
QString searchPath(const PgConnection& c, const QStringList& schemas);
// SET LOCAL ROLE <role>: the rest of the transaction acts as (and creates objects owned by) role.
QString role(const PgConnection& c, const QString& role);
// set_config('app.tenant_id', ..., true): the forced row-level security policies of the shared
// tables compare tenant_id with it. tenantStatement() takes the key as $1; tenantScript() holds it
// as a literal quoted by c, for scripts run elsewhere (archives, what an application runs).
QString tenantStatement();
QString tenantScript(const PgConnection& c, const QString& tenantKey);
void setTenant(PgConnection& c, const QString& tenantKey);
// set_config('tenantdesk.app_roles', $1, true): the shared tables' suspension guard
// (shared_guard.sql) reads the application roles from it, a JSON array of names in $1.
QString appRolesStatement();
} // namespace LocalSettings
