#include "lifecycle/AppLockout.h"

#include "base/InputError.h"

#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"
#include "provision/TenantGrants.h"
#include "provision/TenantShardObjects.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

namespace {

QString sql(const char* name)
{
    return SqlResource::text(QStringLiteral("lifecycle/") + QLatin1String(name));
}

QString provisionSql(const char* name)
{
    return SqlResource::text(QStringLiteral("provision/") + QLatin1String(name));
}

// How long ending the application's sessions may take before one counts as still there.
constexpr int SessionEndMs = 5000;
// How long a session the admin may not end gets to go by itself (a client that has just
// disconnected leaves its session in pg_stat_activity for a moment) before it stops an action.
constexpr int SessionGoingMs = 1000;

QStringList jsonStrings(const QString& json)
{
    QStringList list;
    for (const QJsonValue& v : QJsonDocument::fromJson(json.toUtf8()).array())
        list.append(v.toString());
    return list;
}

QString grantee(const PgConnection& c, const AccessCut::Grant& g)
{
    return g.grantee.isEmpty() ? QStringLiteral("PUBLIC") : c.quoteIdentifier(g.grantee);
}

} // namespace

struct AppLockout::Facts {
    QString owner;
    bool ownerSuper = false;
    bool adminActs = false;
    QStringList appsOwning;
    QStringList appsSuper;
    QStringList appsInFleetOwner;
    bool adminInFleetOwner = false;
    bool adminCreatesSchemas = false;
    bool adminCreatedb = false;
    QString admin;
    bool fleetOwnerExists = false;
    bool supportReaches = false;
    bool supportGranted = false;
};

AppLockout::AppLockout(ShardConnections& shards, const ManagedTenant& tenant)
    : m_shards(shards)
    , m_tenant(tenant)
{
}

PgConnection& AppLockout::shard()
{
    return m_shards.to(m_tenant.shard, m_tenant.shard.tenantDatabase);
}

QString AppLockout::object() const
{
    const PgConnection& q = m_shards.to(m_tenant.shard, m_tenant.shard.tenantDatabase);
    return m_tenant.model == IsolationModel::Database
               ? QStringLiteral("DATABASE ") + q.quoteIdentifier(m_tenant.databaseName)
               : QStringLiteral("SCHEMA ") + q.quoteIdentifier(m_tenant.schemaName);
}

QString AppLockout::objectLabel() const
{
    return m_tenant.objectLabel();
}

QByteArray AppLockout::appsJson() const
{
    return TenantGrants::appRolesJson(m_shards.roles(m_tenant.shard));
}

QStringList AppLockout::existingApps()
{
    QStringList apps;
    const PgResult r = shard().exec(sql("existing_roles.sql"), {appsJson()});
    for (int row = 0; row < r.rows(); ++row)
        apps.append(r.text(row, 0));
    return apps;
}

std::optional<AppLockout::Facts> AppLockout::facts()
{
    const bool database = m_tenant.model == IsolationModel::Database;
    const FleetRoles& roles = m_shards.roles(m_tenant.shard);
    const PgResult r = shard().exec(sql("access_facts.sql"), {database ? QVariant() : QVariant(m_tenant.schemaName),
                                                              database ? QVariant(m_tenant.databaseName) : QVariant(),
                                                              appsJson(), roles.owner, roles.support});
    if (r.rows() == 0)
        return std::nullopt;
    Facts f;
    f.owner = r.text(0, 0);
    f.ownerSuper = r.toBool(0, 1);
    f.adminActs = r.toBool(0, 2);
    f.appsOwning = jsonStrings(r.text(0, 3));
    f.appsSuper = jsonStrings(r.text(0, 4));
    f.appsInFleetOwner = jsonStrings(r.text(0, 5));
    f.adminInFleetOwner = r.toBool(0, 6);
    f.adminCreatesSchemas = r.toBool(0, 7);
    f.adminCreatedb = r.toBool(0, 8);
    f.admin = r.text(0, 9);
    f.fleetOwnerExists = r.toBool(0, 10);
    f.supportReaches = r.toBool(0, 11);
    f.supportGranted = r.toBool(0, 12);
    return f;
}

AppLockout::Facts AppLockout::presentFacts()
{
    std::optional<Facts> f = facts();
    if (!f)
        throw InputError(QStringLiteral("The %1 of the tenant \"%2\" is gone: nothing was changed.")
                             .arg(objectLabel(), m_tenant.slug));
    return *std::move(f);
}

void AppLockout::beginChange(PgConnection& c)
{
    LocalSettings::pinSearchPath(c);
    if (m_tenant.model == IsolationModel::Shared)
        c.execScript(TenantGrants::actAsOwner(c, m_shards.roles(m_tenant.shard)));
}

void AppLockout::refuse(const QString& action, const QStringList& why, const QStringList& fixes) const
{
    QString text = QStringLiteral("The tenant \"%1\" cannot be %2: %3. Nothing was changed.")
                       .arg(m_tenant.slug, action, why.join(QLatin1String("; ")));
    if (!fixes.isEmpty())
        text += QStringLiteral(
                    "\nFix it on %1 (database %2) as a superuser or a role that may, then run it again:\n  %3")
                    .arg(m_tenant.shard.label(), m_tenant.shard.tenantDatabase, fixes.join(QLatin1String("\n  ")));
    throw InputError(text);
}

void AppLockout::ownerProblems(const Facts& f, QStringList& why, QStringList& fixes) const
{
    const PgConnection& q = m_shards.to(m_tenant.shard, m_tenant.shard.tenantDatabase);
    if (f.ownerSuper) {
        // Never advise making the admin a member of a superuser: the object changes hands instead.
        why << QStringLiteral("its %1 is owned by the superuser %2, which %3 cannot act as")
                   .arg(objectLabel(), q.quoteIdentifier(f.owner), q.quoteIdentifier(f.admin));
        fixes << QStringLiteral("ALTER %1 OWNER TO %2;")
                     .arg(object(), q.quoteIdentifier(m_shards.roles(m_tenant.shard).owner));
    } else if (!f.adminActs) {
        why << QStringLiteral("its %1 is owned by %2, which %3 cannot act as")
                   .arg(objectLabel(), q.quoteIdentifier(f.owner), q.quoteIdentifier(f.admin));
        fixes << QStringLiteral("GRANT %1 TO %2;").arg(q.quoteIdentifier(f.owner), q.quoteIdentifier(f.admin));
    }
}

void AppLockout::movingProblems(const Facts& f, const QString& role, QStringList& why, QStringList& fixes)
{
    PgConnection& c = shard();
    const PgResult member = c.exec(sql("admin_member_of.sql"), {role});
    if (member.rows() == 0) {
        why << QStringLiteral("the role %1 does not exist on this server").arg(c.quoteIdentifier(role));
        fixes << QStringLiteral("CREATE ROLE %1 NOLOGIN;").arg(c.quoteIdentifier(role))
              << QStringLiteral("GRANT %1 TO %2;").arg(c.quoteIdentifier(role), c.quoteIdentifier(f.admin));
    } else if (!member.toBool(0, 0)) {
        why << QStringLiteral("%1 is not a member of %2, which the ownership moves to")
                   .arg(c.quoteIdentifier(f.admin), c.quoteIdentifier(role));
        fixes << QStringLiteral("GRANT %1 TO %2;").arg(c.quoteIdentifier(role), c.quoteIdentifier(f.admin));
    }
    if (m_tenant.model == IsolationModel::Schema && !f.adminCreatesSchemas) {
        why << QStringLiteral("changing a schema's owner takes CREATE on the database %1, which %2 lacks")
                   .arg(c.quoteIdentifier(m_tenant.shard.tenantDatabase), c.quoteIdentifier(f.admin));
        fixes << QStringLiteral("GRANT CREATE ON DATABASE %1 TO %2;")
                     .arg(c.quoteIdentifier(m_tenant.shard.tenantDatabase), c.quoteIdentifier(f.admin));
    } else if (m_tenant.model == IsolationModel::Database && !f.adminCreatedb) {
        why << QStringLiteral("changing a database's owner takes CREATEDB, which %1 lacks")
                   .arg(c.quoteIdentifier(f.admin));
        fixes << QStringLiteral("ALTER ROLE %1 CREATEDB;").arg(c.quoteIdentifier(f.admin));
    }
}

AccessCut AppLockout::plan(const QString& action)
{
    PgConnection& c = shard();
    QStringList why, fixes;
    if (m_tenant.model == IsolationModel::Shared) {
        const PgResult past = c.exec(provisionSql("shared_reach.sql"), {appsJson()});
        for (int row = 0; row < past.rows(); ++row) {
            why << QStringLiteral("the application role %1 %2, so no policy keeps it out")
                       .arg(c.quoteIdentifier(past.text(row, 0)), past.text(row, 1));
            fixes << QStringLiteral("ALTER ROLE %1 NOSUPERUSER NOBYPASSRLS;").arg(c.quoteIdentifier(past.text(row, 0)));
        }
        if (!why.isEmpty())
            refuse(action, why, fixes);
        return {};
    }
    const std::optional<Facts> f = facts();
    if (!f)
        refuse(action,
               {QStringLiteral("its %1 does not exist on %2 (`tenantctl reconcile` tells more)")
                    .arg(objectLabel(), m_tenant.shard.label())},
               {});
    for (const QString& app : f->appsSuper) {
        why << QStringLiteral("the application role %1 is a superuser, which no privilege keeps out")
                   .arg(c.quoteIdentifier(app));
        fixes << QStringLiteral("ALTER ROLE %1 NOSUPERUSER;").arg(c.quoteIdentifier(app));
    }
    for (const QString& app : f->appsInFleetOwner) {
        why << QStringLiteral("the application role %1 is a member of the owner role %2, which keeps what it owns")
                   .arg(c.quoteIdentifier(app), c.quoteIdentifier(m_shards.roles(m_tenant.shard).owner));
        fixes << QStringLiteral("REVOKE %1 FROM %2;")
                     .arg(c.quoteIdentifier(m_shards.roles(m_tenant.shard).owner), c.quoteIdentifier(app));
    }
    ownerProblems(*f, why, fixes);
    // An owner keeps every privilege whatever is revoked: the ownership moves while it is shut.
    const bool moveOwner = !f->appsOwning.isEmpty();
    if (moveOwner)
        movingProblems(*f, m_shards.roles(m_tenant.shard).owner, why, fixes);
    if (m_tenant.model == IsolationModel::Database) {
        for (const Session& session : sessionsLeft(true, SessionGoingMs)) {
            why << QStringLiteral("%1 cannot end the open session %2 of %3 on it")
                       .arg(c.quoteIdentifier(f->admin), session.pid, c.quoteIdentifier(session.role));
            const QString fix = QStringLiteral("GRANT pg_signal_backend TO %1;").arg(c.quoteIdentifier(f->admin));
            if (!fixes.contains(fix))
                fixes << fix;
        }
    }
    if (!why.isEmpty())
        refuse(action, why, fixes);

    AccessCut cut;
    if (moveOwner)
        cut.previousOwner = f->owner;
    cut.supportGranted = f->supportReaches && !f->supportGranted;
    const PgResult grants = c.exec(
        sql("access_grants.sql"),
        {m_tenant.model == IsolationModel::Schema ? QVariant(m_tenant.schemaName) : QVariant(),
         m_tenant.model == IsolationModel::Database ? QVariant(m_tenant.databaseName) : QVariant(), appsJson()});
    for (int row = 0; row < grants.rows(); ++row)
        cut.grants.append({grants.text(row, 0), jsonStrings(grants.text(row, 1))});
    return cut;
}

void AppLockout::ensureSharedGuard(PgConnection& c)
{
    const QByteArray apps = appsJson();
    if (c.exec(provisionSql("shared_ready.sql"), {apps}).toBool(0, 0))
        return;
    c.execScript(provisionSql("shard_ledger.sql") + QLatin1String("\n;\n")
                 + TenantGrants::ledger(c, m_shards.roles(m_tenant.shard)).join(u';'));
    c.exec(LocalSettings::appRolesStatement(), {apps});
    c.execScript(provisionSql("shared_guard.sql"));
}

QStringList AppLockout::reaching()
{
    return TenantShardObjects::appsReaching(m_shards, m_tenant);
}

void AppLockout::lockOut(const AccessCut& cut)
{
    PgConnection& c = shard();
    const FleetRoles& roles = m_shards.roles(m_tenant.shard);
    c.transaction([&] {
        beginChange(c);
        if (m_tenant.model == IsolationModel::Shared) {
            ensureSharedGuard(c);
            c.exec(provisionSql("impose_suspension.sql"), {m_tenant.tenantKey});
        } else {
            const Facts f = presentFacts();
            if (!cut.previousOwner.isEmpty())
                c.execScript(QStringLiteral("ALTER %1 OWNER TO %2").arg(object(), c.quoteIdentifier(roles.owner)));
            // As the owner (now): REVOKE then takes back what the owner granted.
            c.execScript(LocalSettings::role(c, cut.previousOwner.isEmpty() ? f.owner : roles.owner));
            const QString privilegeOn = m_tenant.model == IsolationModel::Schema ? QStringLiteral("USAGE")
                                                                                 : QStringLiteral("CONNECT");
            for (const AccessCut::Grant& g : cut.grants)
                c.execScript(QStringLiteral("REVOKE %1 ON %2 FROM %3")
                                 .arg(g.privileges.join(QLatin1String(", ")), object(), grantee(c, g)));
            if (cut.supportGranted) // support keeps reading where PUBLIC's (or a group's) grant let it in
                c.execScript(QStringLiteral("GRANT %1 ON %2 TO %3")
                                 .arg(privilegeOn, object(), c.quoteIdentifier(roles.support)));
            c.execScript(QStringLiteral("RESET ROLE"));
        }
        // The same connection, inside this transaction: it sees the change before it is committed.
        if (const QStringList still = reaching(); !still.isEmpty())
            throw PgError(PgError::Kind::Query,
                          QStringLiteral("The application could still reach the tenant \"%1\" after revoking (%2), "
                                         "so nothing was changed. A grant made by another role than the owner "
                                         "(psql's \\dn+ or \\l+ shows who granted what) must be revoked by it.")
                              .arg(m_tenant.slug, still.join(QLatin1String("; "))));
    });
    if (m_tenant.model != IsolationModel::Database)
        return;
    // New sessions are refused now; the open ones are ended, and must be gone.
    QJsonArray endable;
    for (const Session& session : sessionsLeft(false, 0)) {
        if (session.endable)
            endable.append(session.pid);
    }
    if (!endable.isEmpty())
        c.exec(sql("end_sessions.sql"), {QJsonDocument(endable).toJson(QJsonDocument::Compact), SessionEndMs});
    const QList<Session> left = sessionsLeft(false, SessionEndMs);
    if (left.isEmpty())
        return;
    QStringList pids;
    for (const Session& session : left)
        pids << session.pid;
    restore({cut});
    throw PgError(PgError::Kind::Query,
                  QStringLiteral("Sessions of the application on the database %1 did not end within %2 s (process %3), "
                                 "so the application's access was given back and the tenant \"%4\" was not changed.")
                      .arg(m_tenant.databaseName)
                      .arg(SessionEndMs / 1000)
                      .arg(pids.join(QLatin1String(", ")), m_tenant.slug));
}

QList<AppLockout::Session> AppLockout::sessionsLeft(bool unendableOnly, int waitMs)
{
    const QDeadlineTimer deadline(waitMs);
    for (;;) {
        QList<Session> sessions;
        const PgResult r = shard().exec(sql("app_sessions.sql"), {m_tenant.databaseName, appsJson()});
        for (int row = 0; row < r.rows(); ++row) {
            if (!unendableOnly || !r.toBool(row, 2))
                sessions.append({r.text(row, 0), r.text(row, 1), r.toBool(row, 2)});
        }
        if (sessions.isEmpty() || deadline.hasExpired())
            return sessions;
        QThread::msleep(100);
    }
}

void AppLockout::requireCanRestore(const QList<AccessCut>& cuts, const QString& action)
{
    if (m_tenant.model == IsolationModel::Shared)
        return;
    const std::optional<Facts> f = facts();
    if (!f)
        refuse(action, {QStringLiteral("its %1 does not exist on %2").arg(objectLabel(), m_tenant.shard.label())}, {});
    QStringList why, fixes;
    ownerProblems(*f, why, fixes);
    QStringList owners;
    for (const AccessCut& cut : cuts) {
        if (!cut.previousOwner.isEmpty() && !owners.contains(cut.previousOwner)) {
            owners << cut.previousOwner;
            movingProblems(*f, cut.previousOwner, why, fixes);
        }
    }
    if (!why.isEmpty())
        refuse(action, why, fixes);
}

void AppLockout::restore(const QList<AccessCut>& cuts)
{
    PgConnection& c = shard();
    const FleetRoles& roles = m_shards.roles(m_tenant.shard);
    c.transaction([&] {
        beginChange(c);
        if (m_tenant.model == IsolationModel::Shared) {
            if (c.exec(provisionSql("ledger_ready.sql")).toBool(0, 0))
                c.exec(provisionSql("lift_suspension.sql"), {m_tenant.tenantKey});
            return;
        }
        c.execScript(LocalSettings::role(c, presentFacts().owner));
        if (cuts.isEmpty()) {
            FleetRoles present = roles;
            present.apps = existingApps();
            const QStringList grants = m_tenant.model == IsolationModel::Schema
                                           ? TenantGrants::schemaAccess(c, present, m_tenant.schemaName, true)
                                           : TenantGrants::databaseAccess(c, present, m_tenant.databaseName, true);
            c.execScript(grants.join(u';'));
            return;
        }
        const QString privilegeOn = m_tenant.model == IsolationModel::Schema ? QStringLiteral("USAGE")
                                                                             : QStringLiteral("CONNECT");
        for (auto cut = cuts.crbegin(); cut != cuts.crend(); ++cut) {
            for (const AccessCut::Grant& g : cut->grants)
                c.execScript(QStringLiteral("GRANT %1 ON %2 TO %3")
                                 .arg(g.privileges.join(QLatin1String(", ")), object(), grantee(c, g)));
            if (cut->supportGranted)
                c.execScript(QStringLiteral("REVOKE %1 ON %2 FROM %3")
                                 .arg(privilegeOn, object(), c.quoteIdentifier(roles.support)));
            if (!cut->previousOwner.isEmpty()) {
                // As the admin, who is a member of both (requireCanRestore); the grants made as
                // the owner role pass to the owner with the ownership.
                c.execScript(QStringLiteral("RESET ROLE; ALTER %1 OWNER TO %2")
                                 .arg(object(), c.quoteIdentifier(cut->previousOwner)));
                c.execScript(LocalSettings::role(c, cut->previousOwner));
            }
        }
    });
}

void AppLockout::requireCanDrop(const QString& action)
{
    if (m_tenant.model == IsolationModel::Shared)
        return;
    const std::optional<Facts> f = facts();
    if (!f)
        return; // nothing to drop
    QStringList why, fixes;
    ownerProblems(*f, why, fixes);
    parkedProblems(*f, why, fixes);
    if (!why.isEmpty())
        refuse(action, why, fixes);
}

void AppLockout::parkedProblems(const Facts& f, QStringList& why, QStringList& fixes)
{
    if (m_tenant.model != IsolationModel::Database || m_tenant.shard.pooling != Pooling::Transaction)
        return;
    PgConnection& c = shard();
    const PgResult r = c.exec(provisionSql("parked_unendable.sql"),
                              {m_tenant.databaseName, m_shards.parkedRolesJson()});
    if (r.rows() == 0)
        return;
    QStringList roles;
    for (int row = 0; row < r.rows(); ++row)
        roles << c.quoteIdentifier(r.text(row, 0));
    why << QStringLiteral("the PgBouncer in front of %1 keeps idle server sessions of %2 on the database, which %3 may "
                          "not end, and the database cannot be dropped while they are there")
               .arg(m_tenant.shard.label(), roles.join(QLatin1String(", ")), c.quoteIdentifier(f.admin));
    fixes << QStringLiteral("GRANT pg_signal_backend TO %1;").arg(c.quoteIdentifier(f.admin))
          << QStringLiteral("-- or, on that PgBouncer's admin console (psql -h %1 -p %2 pgbouncer): KILL %3;")
                 .arg(m_tenant.shard.host)
                 .arg(m_tenant.shard.port)
                 .arg(c.quoteIdentifier(m_tenant.databaseName));
}

QList<AccessCut> AppLockout::recorded(PgConnection& catalog, qint64 tenantId)
{
    QList<AccessCut> cuts;
    const PgResult r = catalog.exec(sql("revoked_since_resume.sql"), {tenantId});
    for (int row = 0; row < r.rows(); ++row)
        cuts.append(AccessCut::fromJson(QJsonDocument::fromJson(r.text(row, 0).toUtf8()).object()));
    return cuts;
}
