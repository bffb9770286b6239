#include "provision/TenantProvisioner.h"

#include "base/InputError.h"
#include "catalog/CatalogGate.h"
#include "pg/AdvisoryLock.h"
#include "pg/LocalSettings.h"
#include "pg/OutcomeReadBack.h"
#include "pg/SqlResource.h"
#include "provision/ProvisionPlanner.h"
#include "provision/TenantSpecValidator.h"

#include <QJsonDocument>
#include <QJsonObject>

TenantProvisioner::TenantProvisioner(PgConnection& catalog, ShardConnections& shards)
    : m_catalog(catalog)
    , m_shards(shards)
{
}

ProvisionPlan TenantProvisioner::plan(const TenantSpec& spec)
{
    if (const QList<TenantSpecValidator::Problem> problems = TenantSpecValidator::problems(spec); !problems.isEmpty())
        throw TenantSpecValidator::toError(problems);
    if (!m_catalogChecked) {
        CatalogGate::require(m_catalog, CatalogGate::Access::Write);
        m_catalogChecked = true;
    }
    return ProvisionPlanner(m_catalog, m_shards).plan(spec);
}

PgConnection& TenantProvisioner::connectionFor(const ProvisionPlan& plan, const ProvisionPlan::Unit& unit)
{
    return unit.database.isEmpty() ? m_catalog : m_shards.to(plan.shard, unit.database);
}

// In a transaction, consecutive statements without parameters go to the server as one script:
// one round trip. Outside one, each goes alone: a multi-statement script is an implicit
// transaction, in which CREATE and DROP DATABASE refuse to run.
namespace {

// A statement's own line, so that a trailing "--" comment cannot swallow the separator.
const QString ScriptSeparator = QStringLiteral("\n;\n");

// Sent as part of a script: no parameters, and no answer is read.
bool isScript(const ProvisionPlan::Statement& s)
{
    return s.params.isEmpty() && s.noRowError.isEmpty();
}

} // namespace

void TenantProvisioner::execute(PgConnection& c, const QList<ProvisionPlan::Statement>& statements, bool batch)
{
    QStringList script;
    auto flush = [&] {
        if (!script.isEmpty())
            c.execScript(script.join(ScriptSeparator));
        script.clear();
    };
    for (const ProvisionPlan::Statement& s : statements) {
        if (isScript(s)) {
            script.append(s.sql);
            if (!batch)
                flush();
            continue;
        }
        flush();
        const PgResult r = c.exec(s.sql, s.params);
        if (!s.noRowError.isEmpty()) {
            if (r.rows() == 0)
                throw InputError(s.noRowError);
            m_tenantId = r.toInt(0, 0);
        }
    }
    flush();
}

void TenantProvisioner::runUnit(const ProvisionPlan& plan, const ProvisionPlan::Unit& unit)
{
    PgConnection& c = connectionFor(plan, unit);
    try {
        if (unit.transaction) {
            // The leading statements that need no answer ride with BEGIN: a round trip fewer.
            QStringList begin{QStringLiteral("BEGIN")};
            qsizetype answered = 0;
            for (; answered < unit.statements.size() && isScript(unit.statements[answered]); ++answered)
                begin.append(unit.statements[answered].sql);
            c.transaction(
                [&] {
                    execute(c, unit.statements.mid(answered), true);
                    if (!unit.database.isEmpty() && m_hook)
                        m_hook(ProvisionStep::ShardCommit);
                },
                begin.join(ScriptSeparator));
        } else {
            execute(c, unit.statements, false);
        }
    } catch (const PgError& e) {
        // Outside a transaction every statement commits by itself (CREATE DATABASE ...): a
        // connection lost while one ran leaves its outcome unknown, as a lost COMMIT does.
        const bool lostAutocommit = !unit.transaction && e.kind() == PgError::Kind::Connection;
        if (!lostAutocommit && e.kind() != PgError::Kind::UnknownOutcome)
            throw;
        m_lost = &c;
        throw lostAutocommit ? e.asUnknownOutcome(QStringLiteral("a statement that commits by itself")) : e;
    }
    if (unit.closeAfter)
        m_shards.close(plan.shard, unit.database);
}

void TenantProvisioner::runStep(const ProvisionPlan& plan, const ProvisionPlan::Step& step)
{
    if (step.lockKey.isEmpty()) {
        for (const ProvisionPlan::Unit& unit : step.units)
            runUnit(plan, unit);
        return;
    }
    PgConnection& first = connectionFor(plan, step.units.constFirst());
    const ProvisionPlan::StepLock where = plan.stepLock(step);
    const AdvisoryLock lock(where.onCatalog ? m_catalog : first, where.key, AdvisoryLock::Wait);
    if (step.skipWhen && first.exec(step.skipWhen->sql, step.skipWhen->params).toBool(0, 0))
        return;
    for (const ProvisionPlan::Unit& unit : step.units)
        runUnit(plan, unit);
}

qint64 TenantProvisioner::run(const ProvisionPlan& plan)
{
    AdvisoryLock tenantLock(m_catalog, plan.lockKey, AdvisoryLock::Try);
    if (!tenantLock.held())
        throw InputError(QStringLiteral("The tenant \"%1\" is being created or changed by another session right now: "
                                        "nothing was done. Try again in a moment.")
                             .arg(plan.spec.slug));
    m_tenantId = 0;
    m_notes.clear();
    QList<const ProvisionPlan::Step*> done;
    for (const ProvisionPlan::Step& step : plan.steps) {
        try {
            if (m_hook)
                m_hook(step.step);
            m_lost = nullptr;
            runStep(plan, step);
        } catch (const InputError& e) {
            fail(plan, done, step, e);
        } catch (const PgError& e) {
            if (e.kind() != PgError::Kind::UnknownOutcome)
                fail(plan, done, step, e);
            if (!readBack(plan, step, e, tenantLock))
                fail(plan, done, step,
                     PgError(PgError::Kind::Connection,
                             e.message() + QStringLiteral(" (read back: it had not taken effect)"), e.sqlState(),
                             e.detail(), e.hint()));
        }
        done.append(&step);
    }
    return m_tenantId;
}

bool TenantProvisioner::readBack(const ProvisionPlan& plan, const ProvisionPlan::Step& step, const PgError& lost,
                                 AdvisoryLock& tenantLock)
{
    QString why;
    try {
        if (!step.doneWhen)
            throw InputError(QStringLiteral("the step has no way to read it back"));
        if (m_lost)
            OutcomeReadBack::settle(*m_lost);
        // The tenant's lock went with the lost catalog session: without it, someone else may be
        // working on the tenant, and nothing may be read back or undone.
        if (m_lost == &m_catalog && !tenantLock.tryTake())
            throw InputError(QStringLiteral("another session took the tenant's lock meanwhile"));
        const PgResult r = connectionFor(plan, step.units.constFirst()).exec(step.doneWhen->sql, step.doneWhen->params);
        if (!r.toBool(0, 0))
            return false;
        if (r.columns() > 1 && !r.isNull(0, 1))
            m_tenantId = r.toInt(0, 1);
        m_notes.append(QStringLiteral("Step \"%1\": %2. It was read back: it had taken effect, and provisioning "
                                      "went on.")
                           .arg(toString(step.step), lost.message()));
        return true;
    } catch (const Failure& e) {
        why = e.message();
    }
    throw PgError(PgError::Kind::UnknownOutcome,
                  QStringLiteral("Creating the tenant \"%1\": the outcome of step \"%2\" is unknown (%3), and "
                                 "what happened could not be read back (%4).\nNothing was undone: the tenant is left "
                                 "as the catalog has it for `tenantctl reconcile`, which finishes or removes it.")
                      .arg(plan.spec.slug, toString(step.step), lost.message(), why),
                  lost.sqlState(), lost.detail(), lost.hint());
}

void TenantProvisioner::fail(const ProvisionPlan& plan, const QList<const ProvisionPlan::Step*>& done,
                             const ProvisionPlan::Step& failed, const Failure& error)
{
    const QString& slug = plan.spec.slug;
    const auto* pgError = dynamic_cast<const PgError*>(&error);
    if (failed.step == ProvisionStep::Claim) {
        if (pgError && pgError->sqlState() == QLatin1String("23505"))
            throw InputError(QStringLiteral("The tenant \"%1\" (or one with the same schema, database or domain) was "
                                            "created by someone else a moment ago: nothing was done.")
                                 .arg(slug));
        throwReworded(error, QStringLiteral("Creating the tenant \"%1\" failed before anything was recorded: %2")
                                 .arg(slug, error.message()));
    }

    // Undo newest first; the failed step too when its outcome is unknown (the connection went
    // away, perhaps after the server had done it). A duplicate database was never ours.
    QList<const ProvisionPlan::Step*> undo = done;
    if (pgError && pgError->kind() != PgError::Kind::Query)
        undo.append(&failed);
    QStringList leftovers;
    for (auto it = undo.crbegin(); it != undo.crend(); ++it) {
        for (const ProvisionPlan::Unit& unit : (*it)->undo) {
            try {
                runUnit(plan, unit);
            } catch (const Failure& e) {
                leftovers.append(QStringLiteral("could not undo \"%1\" (%2)").arg(toString((*it)->step), e.message()));
            }
        }
    }

    QString outcome;
    try {
        const QJsonObject details{{QLatin1String("step"), toString(failed.step)},
                                  {QLatin1String("error"), error.message()},
                                  {QLatin1String("leftovers"), leftovers.join(QLatin1String("; "))}};
        m_catalog.transaction(
            [&] {
                m_catalog.exec(SqlResource::text("provision/set_state.sql"),
                               {slug, QStringLiteral("{provisioning}"), toString(TenantState::Failed),
                                QStringLiteral("tenant.provision.failed"), error.message(),
                                QJsonDocument(details).toJson(QJsonDocument::Compact), QVariant()});
            },
            LocalSettings::beginPinned());
        outcome = leftovers.isEmpty()
                      ? QStringLiteral("The tenant is marked 'failed' and nothing of it remains on %1; provisioning it "
                                       "again retries it.")
                            .arg(plan.shard.name)
                      : QStringLiteral(
                            "The tenant is marked 'failed'; %1 (%2): `tenantctl reconcile` removes what is left.")
                            .arg(plan.shard.name, leftovers.join(QLatin1String("; ")));
    } catch (const PgError& e) {
        outcome = e.kind() == PgError::Kind::UnknownOutcome
                      ? QStringLiteral("Whether the catalog recorded 'failed' is unknown (%1): `tenantctl "
                                       "reconcile` finishes or removes the tenant either way.")
                            .arg(e.message())
                      : QStringLiteral("The catalog could not be told (%1): the tenant stays 'provisioning' "
                                       "until `tenantctl reconcile` finishes or removes it.")
                            .arg(e.message());
    }
    throwReworded(error, QStringLiteral("Creating the tenant \"%1\" failed at step \"%2\": %3\n%4")
                             .arg(slug, toString(failed.step), error.message(), outcome));
}
