#include "provision/BatchProvisioner.h"

#include "catalog/CatalogGate.h"
#include "pg/SqlResource.h"
#include "provision/ShardDirectory.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantSpecValidator.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

// What the first job makes of the rows: checked and placed, before anything is sent to a shard.
struct BatchProvisioner::Plan {
    QList<BatchRow> rows;
    QList<int> changed;                // rows refused or skipped (the others change silently:
                                       // normalised specs, automatic shards)
    QMap<QString, QList<int>> byShard; // the rows to create, by shard, in order
    FleetRoles roles;                  // read once for the batch, shared by its jobs
};

namespace {

// The planning job's key on the runner; it runs alone (the shard jobs start when it is done).
const QString planJob = QStringLiteral("catalog");

} // namespace

BatchProvisioner::Plan BatchProvisioner::plan(const ConnectionParams& params, QList<BatchRow> rows)
{
    Plan plan;
    auto refuse = [&](int i, JobState state, const QString& message) {
        rows[i].state = state;
        rows[i].message = message;
        plan.changed.append(i);
    };

    PgConnection catalog;
    catalog.open(params);
    CatalogGate::require(catalog, CatalogGate::Access::Write);

    // Checked before anything is sent: unreadable lines and bad specs fail here.
    QList<int> todo;
    QJsonArray slugs;
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i].isDone())
            continue;
        if (!rows[i].inputError.isEmpty()) {
            refuse(i, JobState::Failed, rows[i].inputError);
            continue;
        }
        if (const QList<TenantSpecValidator::Problem> problems = TenantSpecValidator::problems(rows[i].spec);
            !problems.isEmpty()) {
            rows[i].inputError = TenantSpecValidator::toError(problems).message();
            refuse(i, JobState::Failed, rows[i].inputError);
            continue;
        }
        rows[i].spec = TenantSpecValidator::normalized(rows[i].spec);
        todo.append(i);
        slugs.append(rows[i].spec.slug);
    }

    // Tenants an earlier run created are skipped; failed ones are provisioned again.
    QHash<QString, QString> existing;
    const PgResult states = catalog.exec(SqlResource::text("provision/existing_states.sql"),
                                         {QJsonDocument(slugs).toJson(QJsonDocument::Compact)});
    for (int row = 0; row < states.rows(); ++row)
        existing.insert(states.text(row, 0), states.text(row, 1));

    // Placement up front, so that the automatic rows spread by headroom as the batch fills shards.
    const QList<ShardTarget> shards = ShardDirectory::all(catalog);
    plan.roles = FleetRoles::load(catalog); // once for the batch, shared by its jobs
    QHash<QString, qint64> placed;
    for (int i : std::as_const(todo)) {
        BatchRow& row = rows[i];
        const QString state = existing.value(row.spec.slug);
        if (!state.isEmpty() && state != QLatin1String("failed")) {
            refuse(i, JobState::Skipped, QStringLiteral("exists already (%1)").arg(state));
            continue;
        }
        if (row.spec.automaticShard()) {
            const ShardTarget* best = nullptr;
            for (const ShardTarget& s : shards) {
                if (s.acceptsTenants()
                    && (!best || s.headroom() - placed.value(s.name) > best->headroom() - placed.value(best->name)))
                    best = &s;
            }
            if (!best || best->headroom() - placed.value(best->name) <= 0) {
                refuse(i, JobState::Failed,
                       QStringLiteral("No active shard has room left: raise a capacity or add a shard."));
                continue;
            }
            row.spec.shard = best->name;
        }
        ++placed[row.spec.shard];
        plan.byShard[row.spec.shard].append(i);
    }
    plan.rows = std::move(rows);
    return plan;
}

namespace {

// One shard's rows, in order, on one catalog session and the shard connections it opens; every
// change of a row goes to report. Stops between rows on a cancel.
void provisionShard(const ConnectionParams& params, const FleetRoles& roles, QList<std::pair<int, BatchRow>> rows,
                    const CancelToken& cancel, const std::function<void(int, const BatchRow&)>& report)
{
    auto update = [&](std::pair<int, BatchRow>& row, JobState state, const QString& message = {}) {
        row.second.state = state;
        row.second.message = message;
        report(row.first, row.second);
    };
    PgConnection catalog;
    std::optional<PgError> connectError;
    try {
        catalog.open(params);
    } catch (const PgError& e) {
        connectError = e;
    }
    ShardConnections shardConnections(params, roles);
    TenantProvisioner provisioner(catalog, shardConnections);
    for (std::pair<int, BatchRow>& row : rows) {
        if (cancel)
            return;
        if (connectError) {
            update(row, JobState::Failed, connectError->message());
            continue;
        }
        update(row, JobState::Running);
        QElapsedTimer timer;
        timer.start();
        try {
            provisioner.provision(row.second.spec);
            row.second.ms = double(timer.nsecsElapsed()) / 1e6;
            update(row, JobState::Done,
                   QStringLiteral("%1 on %2").arg(toString(row.second.spec.model), row.second.spec.shard));
        } catch (const Failure& e) {
            row.second.ms = double(timer.nsecsElapsed()) / 1e6;
            update(row, PgError::is(e, PgError::Kind::UnknownOutcome) ? JobState::Unconfirmed : JobState::Failed,
                   e.message());
        }
    }
}

} // namespace

BatchProvisioner::BatchProvisioner(ConnectionParams catalog, int maxSessions, QObject* parent)
    : QObject(parent)
    , m_catalog(std::move(catalog))
    // One session per shard: the key of a shard's job is its name.
    , m_runner(std::max(1, maxSessions), 1)
{
    connect(&m_runner, &ParallelRunner::idle, this, [this] {
        if (m_running)
            finish(std::nullopt);
    });
}

void BatchProvisioner::start(QList<BatchRow> rows, const CancelToken& cancel)
{
    Q_ASSERT(!m_running);
    m_rows = std::move(rows);
    m_cancel = cancel;
    m_running = true;
    m_runner.run<Plan>(
        planJob, [params = m_catalog, rows = m_rows] { return plan(params, rows); }, this,
        [this](Outcome<Plan> outcome) {
            if (!outcome.ok())
                finish(std::move(outcome.error));
            else
                startShards(*outcome.value);
        });
}

void BatchProvisioner::startShards(const Plan& plan)
{
    m_rows = plan.rows;
    for (int i : plan.changed)
        emit rowChanged(i, m_rows[i]);
    // Progress is posted through the runner: it runs here only while the runner, a member of this
    // object, lives, and always before the outcome of the job that posted it.
    const ParallelRunner::Post post = m_runner.poster();
    auto report = [this, post](int index, const BatchRow& row) { post([this, index, row] { update(index, row); }); };
    for (auto shard = plan.byShard.cbegin(); shard != plan.byShard.cend(); ++shard) {
        QList<std::pair<int, BatchRow>> rows;
        for (int i : shard.value())
            rows.append({i, m_rows[i]});
        m_runner.run<void>(
            shard.key(),
            [params = m_catalog, roles = plan.roles, rows, cancel = m_cancel, report] {
                provisionShard(params, roles, rows, cancel, report);
            },
            this,
            [this, indexes = shard.value()](const Outcome<void>& outcome) {
                // Only when the shard's connections could not even be set up: its rows fail.
                if (outcome.ok())
                    return;
                for (int i : indexes) {
                    if (m_rows[i].state == JobState::Pending || m_rows[i].state == JobState::Running) {
                        BatchRow row = m_rows[i];
                        row.state = JobState::Failed;
                        row.message = outcome.error->message();
                        update(i, row);
                    }
                }
            });
    }
}

void BatchProvisioner::update(int index, const BatchRow& row)
{
    m_rows[index] = row;
    emit rowChanged(index, row);
}

void BatchProvisioner::finish(std::optional<JobError> error)
{
    m_running = false;
    emit finished(error);
}

void BatchProvisioner::run(QList<BatchRow>& rows, const RowChanged& changed, const CancelToken& cancel)
{
    QEventLoop loop;
    std::optional<JobError> error;
    if (changed)
        connect(this, &BatchProvisioner::rowChanged, &loop, changed);
    connect(this, &BatchProvisioner::finished, &loop, [&](const std::optional<JobError>& e) {
        error = e;
        loop.quit();
    });
    start(rows, cancel);
    loop.exec();
    rows = m_rows;
    if (error)
        error->rethrow();
}
