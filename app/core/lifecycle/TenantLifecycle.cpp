#include "lifecycle/TenantLifecycle.h"

#include "base/InputError.h"
#include "catalog/CatalogGate.h"
#include "catalog/TenantNames.h"
#include "lifecycle/AppLockout.h"
#include "pg/AdvisoryLock.h"
#include "pg/LocalSettings.h"
#include "pg/OutcomeReadBack.h"
#include "pg/SqlResource.h"
#include "provision/AppRegistrySync.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantShardObjects.h"
#include "provision/TenantSpecValidator.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

PgConnection& writable(PgConnection& catalog)
{
    CatalogGate::require(catalog, CatalogGate::Access::Write);
    return catalog;
}

// A tenant taken for a change: writes to the catalog allowed (CatalogGate), the tenant's advisory
// lock held for as long as this lives (else InputError: another session is at it), and its row
// read under the lock.
struct LockedTenant {
    LockedTenant(PgConnection& catalog, const QString& slug)
        : lock(writable(catalog), TenantNames::lockKey(slug), AdvisoryLock::Try)
    {
        if (!lock.held())
            throw InputError(
                QStringLiteral("The tenant \"%1\" is being created or changed by another session right now: "
                               "nothing was done. Try again in a moment.")
                    .arg(slug));
        tenant = ManagedTenants::get(catalog, slug);
    }

    AdvisoryLock lock;
    ManagedTenant tenant;
};

InputError wrongState(const ManagedTenant& t, const QString& what)
{
    return InputError(
        QStringLiteral("The tenant \"%1\" is %2: %3. Nothing was done.").arg(t.slug, toString(t.state), what));
}

QVariant orNull(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

} // namespace

TenantLifecycle::TenantLifecycle(PgConnection& catalog, ShardConnections& shards)
    : m_catalog(catalog)
    , m_shards(shards)
{
}

std::optional<TenantState> TenantLifecycle::stateAfterLostCommit(AdvisoryLock& lock, const QString& slug,
                                                                 const PgError& lost)
{
    try {
        OutcomeReadBack::settle(m_catalog);
        if (!lock.tryTake())
            throw InputError(QStringLiteral("another session took the tenant's lock meanwhile"));
        const std::optional<ManagedTenant> now = ManagedTenants::find(m_catalog, slug);
        return now ? std::optional(now->state) : std::nullopt;
    } catch (const Failure& e) {
        throw PgError(PgError::Kind::UnknownOutcome,
                      QStringLiteral("Whether the change to the tenant \"%1\" took effect is unknown (%2), and it "
                                     "could not be read back (%3). Nothing more was done: `tenantctl reconcile` puts "
                                     "the shard in line with whatever the catalog says.")
                          .arg(slug, lost.message(), e.message()));
    }
}

void TenantLifecycle::transition(AdvisoryLock& lock, const ManagedTenant& t, const QStringList& from, TenantState to,
                                 const QString& action, const QString& reason, const QByteArray& details,
                                 const std::function<void()>& shardWork, qint64 retentionSeconds)
{
    try {
        transitionOnce(t, from, to, action, reason, details, shardWork, retentionSeconds);
    } catch (const PgError& e) {
        if (e.kind() != PgError::Kind::UnknownOutcome)
            throw;
        const std::optional<TenantState> now = stateAfterLostCommit(lock, t.slug, e);
        if (now == to)
            return; // it took effect
        throw PgError(PgError::Kind::Connection,
                      QStringLiteral("The tenant \"%1\" was not changed (%2): read back, the catalog says %3. Run it "
                                     "again; should the shard's access differ from the catalog meanwhile, `tenantctl "
                                     "reconcile` puts it back in line.")
                          .arg(t.slug, e.message(), now ? toString(*now) : QStringLiteral("no such tenant")));
    }
}

void TenantLifecycle::transitionOnce(const ManagedTenant& t, const QStringList& from, TenantState to,
                                     const QString& action, const QString& reason, const QByteArray& details,
                                     const std::function<void()>& shardWork, qint64 retentionSeconds)
{
    m_catalog.transaction(
        [&] {
            const PgResult r = m_catalog.exec(SqlResource::text("provision/set_state.sql"),
                                              {t.slug, QString(u'{' + from.join(u',') + u'}'), toString(to), action,
                                               orNull(reason), details.isEmpty() ? QVariant() : QVariant(details),
                                               retentionSeconds});
            if (r.rows() == 0)
                throw InputError(
                    QStringLiteral("The tenant \"%1\" changed meanwhile (it is no longer %2): nothing was done.")
                        .arg(t.slug, from.join(QLatin1String(" or "))));
            if (shardWork)
                shardWork();
        },
        LocalSettings::beginPinned());
}

void TenantLifecycle::suspend(const QString& slug, const QString& reason)
{
    LockedTenant taken(m_catalog, slug);
    const ManagedTenant& t = taken.tenant;
    if (t.state != TenantState::Active)
        throw wrongState(t, QStringLiteral("only an active tenant can be suspended"));
    AppLockout lockout(m_shards, t);
    const AccessCut cut = lockout.plan(QStringLiteral("suspended"));
    transition(taken.lock, t, {QStringLiteral("active")}, TenantState::Suspended, QStringLiteral("tenant.suspend"),
               reason, json(QJsonObject{{QLatin1String("revoked"), cut.toJson()}}), [&] {
                   lockout.lockOut(cut);
                   AppRegistrySync::activeChanged(m_catalog, m_shards, t, false);
               });
}

void TenantLifecycle::resume(const QString& slug, const QString& reason)
{
    LockedTenant taken(m_catalog, slug);
    const ManagedTenant& t = taken.tenant;
    if (t.state != TenantState::Suspended && t.state != TenantState::Archived)
        throw wrongState(t, QStringLiteral("only a suspended or archived tenant can be resumed"));
    if (!TenantShardObjects::exists(m_shards, t))
        throw InputError(
            QStringLiteral("The tenant \"%1\" cannot be resumed: its %2 is missing on %3. Nothing was done.")
                .arg(slug, t.objectLabel(), t.shard.label()));
    AppLockout lockout(m_shards, t);
    const QList<AccessCut> cuts = AppLockout::recorded(m_catalog, t.id);
    lockout.requireCanRestore(cuts, QStringLiteral("resumed"));
    transition(taken.lock, t, {QStringLiteral("suspended"), QStringLiteral("archived")}, TenantState::Active,
               QStringLiteral("tenant.resume"), reason,
               json(QJsonObject{{QLatin1String("restored"), qint64(cuts.size())}}), [&] {
                   lockout.restore(cuts);
                   AppRegistrySync::activeChanged(m_catalog, m_shards, t, true);
               });
}

void TenantLifecycle::rename(const QString& slug, const QString& displayName)
{
    if (const QString problem = TenantSpecValidator::displayNameProblem(displayName); !problem.isEmpty())
        throw InputError(problem);
    CatalogGate::require(m_catalog, CatalogGate::Access::Write);
    m_catalog.transaction(
        [&] {
            if (m_catalog.exec(SqlResource::text("provision/rename.sql"), {slug, displayName.trimmed()}).rows() == 0)
                throw InputError(QStringLiteral("There is no tenant \"%1\" in the catalog.").arg(slug));
            AppRegistrySync::renamed(m_catalog, m_shards, ManagedTenants::get(m_catalog, slug), displayName.trimmed());
        },
        LocalSettings::beginPinned());
}

void TenantLifecycle::setDomains(const QString& slug, const QStringList& domains)
{
    QString problem;
    const std::optional<QList<CatalogDomain>> parsed = TenantSpecValidator::parseDomains(domains, &problem);
    if (!parsed)
        throw InputError(problem);
    CatalogGate::require(m_catalog, CatalogGate::Access::Write);
    const QByteArray routes = CatalogDomain::toJsonRows(*parsed);
    m_catalog.transaction(
        [&] {
            const PgResult taken = m_catalog.exec(SqlResource::text("provision/domains_taken.sql"), {routes, slug});
            if (taken.rows() > 0)
                throw InputError(
                    QStringLiteral("The domain \"%1\" routes to the tenant \"%2\" already: nothing was changed.")
                        .arg(taken.text(0, 0), taken.text(0, 1)));
            if (m_catalog.exec(SqlResource::text("provision/set_domains.sql"), {slug, routes}).rows() == 0)
                throw InputError(QStringLiteral("There is no tenant \"%1\" in the catalog.").arg(slug));
        },
        LocalSettings::beginPinned());
}

TenantArchiver::Result TenantLifecycle::archive(const QString& slug, const QString& target,
                                                OutputFile::Existing existing, const QString& reason)
{
    LockedTenant taken(m_catalog, slug);
    const ManagedTenant& t = taken.tenant;
    if (t.state != TenantState::Active && t.state != TenantState::Suspended)
        throw wrongState(t, QStringLiteral("only an active or suspended tenant can be archived"));
    AppLockout lockout(m_shards, t);
    const AccessCut cut = lockout.plan(QStringLiteral("archived"));
    // The dump first, outside any transaction: it may take long, and without it nothing changes.
    const TenantArchiver::Result dump = TenantArchiver::dump(m_shards, t, target, existing);
    const QJsonObject details{{QLatin1String("file"), dump.path},
                              {QLatin1String("bytes"), dump.bytes},
                              {QLatin1String("method"), dump.method},
                              {QLatin1String("restore"), dump.restoreCommand},
                              {QLatin1String("revoked"), cut.toJson()}};
    transition(taken.lock, t, {QStringLiteral("active"), QStringLiteral("suspended")}, TenantState::Archived,
               QStringLiteral("tenant.archive"), reason, json(details), [&] {
                   lockout.lockOut(cut);
                   AppRegistrySync::activeChanged(m_catalog, m_shards, t, false);
               });
    return dump;
}

void TenantLifecycle::remove(const QString& slug, const QString& typedSlug, qint64 retentionSeconds,
                             const QString& reason)
{
    if (typedSlug != slug)
        throw InputError(QStringLiteral("To delete the tenant \"%1\", type its slug exactly as confirmation. Nothing "
                                        "was deleted.")
                             .arg(slug));
    if (retentionSeconds < 0)
        throw InputError(QStringLiteral("The retention period cannot be negative."));
    LockedTenant taken(m_catalog, slug);
    const ManagedTenant& t = taken.tenant;
    if (t.state == TenantState::Provisioning)
        throw wrongState(t, QStringLiteral("wait until provisioning ends, or run reconcile if it was interrupted"));
    if (t.state == TenantState::Deleting) {
        if (retentionSeconds > 0)
            throw wrongState(t, QStringLiteral("it is being deleted already; its data goes after %1")
                                    .arg(t.purgeAfter.toString(Qt::ISODate)));
        purgeLocked(taken.lock, t);
        return;
    }
    const bool hasObjects = t.state != TenantState::Failed && TenantShardObjects::exists(m_shards, t);
    AppLockout lockout(m_shards, t);
    QJsonObject details{{QLatin1String("retention_seconds"), retentionSeconds}};
    AccessCut cut;
    if (hasObjects) {
        cut = lockout.plan(QStringLiteral("deleted"));
        lockout.requireCanDrop(QStringLiteral("deleted"));
        details.insert(QLatin1String("revoked"), cut.toJson());
    }
    transition(
        taken.lock, t,
        {QStringLiteral("active"), QStringLiteral("suspended"), QStringLiteral("archived"), QStringLiteral("failed")},
        TenantState::Deleting, QStringLiteral("tenant.delete"), reason, json(details),
        [&] {
            if (hasObjects)
                lockout.lockOut(cut);
        },
        retentionSeconds);
    if (retentionSeconds == 0)
        purgeLocked(taken.lock, ManagedTenants::get(m_catalog, slug));
}

void TenantLifecycle::purge(const QString& slug, bool force)
{
    LockedTenant taken(m_catalog, slug);
    const ManagedTenant& t = taken.tenant;
    if (t.state != TenantState::Deleting)
        throw wrongState(t, QStringLiteral("only a tenant being deleted can be purged"));
    if (!t.purgeDue && !force)
        throw wrongState(t, QStringLiteral("its data is kept until %1").arg(t.purgeAfter.toString(Qt::ISODate)));
    purgeLocked(taken.lock, t);
}

void TenantLifecycle::purgeLocked(AdvisoryLock& lock, const ManagedTenant& t)
{
    AppLockout(m_shards, t).requireCanDrop(QStringLiteral("purged"));
    try {
        TenantShardObjects::drop(m_shards, t);
        AppRegistrySync::removed(m_catalog, m_shards, t);
    } catch (const Failure& e) {
        throwReworded(e, QStringLiteral("The tenant \"%1\" is marked 'deleting', but its %2 could not be "
                                        "dropped yet: %3. Delete it again later; a reconcile run also "
                                        "finishes it.")
                             .arg(t.slug, t.objectLabel(), e.message()));
    }
    try {
        m_catalog.transaction(
            [&] {
                const QJsonObject details{{QLatin1String("model"), toString(t.model)},
                                          {QLatin1String("shard"), t.shard.name},
                                          {QLatin1String("dropped"), t.objectLabel()}};
                if (m_catalog.exec(SqlResource::text("provision/purge_tenant.sql"), {t.slug, QVariant(), json(details)})
                        .rows()
                    == 0)
                    throw InputError(
                        QStringLiteral("The tenant \"%1\" changed meanwhile: its data is gone, its catalog row was "
                                       "left as it is.")
                            .arg(t.slug));
            },
            LocalSettings::beginPinned());
    } catch (const PgError& e) {
        if (e.kind() != PgError::Kind::UnknownOutcome)
            throw;
        if (const std::optional<TenantState> now = stateAfterLostCommit(lock, t.slug, e); now)
            throw PgError(PgError::Kind::Connection,
                          QStringLiteral("The data of the tenant \"%1\" is gone, but its catalog row is still "
                                         "there (%2; the connection was lost while removing it: %3). Delete it "
                                         "again; a reconcile run also finishes it.")
                              .arg(t.slug, toString(*now), e.message()));
    }
}
