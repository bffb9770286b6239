#include "provision/BatchProvisioner.h"

#include "catalog/CatalogGate.h"
#include "pg/SqlResource.h"
#include "provision/ShardDirectory.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantSpecValidator.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <mutex>
#include <thread>

BatchProvisioner::BatchProvisioner(ConnectionParams catalog, int maxSessions)
    : m_catalog(std::move(catalog))
    , m_maxSessions(std::max(1, maxSessions))
{
}

void BatchProvisioner::run(QList<BatchRow>& rows, const RowChanged& changed, const CancelToken& cancel)
{
    // Each row is written by one thread at a time; reports are serialised.
    std::mutex mutex;
    auto update = [&](int i, JobState state, const QString& message = {}) {
        std::lock_guard lock(mutex);
        rows[i].state = state;
        rows[i].message = message;
        if (changed)
            changed(i, rows[i]);
    };

    PgConnection catalog;
    catalog.open(m_catalog);
    CatalogGate::require(catalog, CatalogGate::Access::Write);

    // Checked before anything is sent: unreadable lines and bad specs fail here.
    QList<int> todo;
    QJsonArray slugs;
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i].isDone())
            continue;
        if (!rows[i].inputError.isEmpty()) {
            update(i, JobState::Failed, rows[i].inputError);
            continue;
        }
        if (const QList<TenantSpecValidator::Problem> problems = TenantSpecValidator::problems(rows[i].spec);
            !problems.isEmpty()) {
            rows[i].inputError = TenantSpecValidator::toError(problems).message();
            update(i, JobState::Failed, rows[i].inputError);
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
    const FleetRoles roles = FleetRoles::load(catalog); // once for the batch, shared by its workers
    QHash<QString, qint64> placed;
    QMap<QString, QList<int>> byShard;
    for (int i : std::as_const(todo)) {
        BatchRow& row = rows[i];
        const QString state = existing.value(row.spec.slug);
        if (!state.isEmpty() && state != QLatin1String("failed")) {
            update(i, JobState::Skipped, QStringLiteral("exists already (%1)").arg(state));
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
                update(i, JobState::Failed,
                       QStringLiteral("No active shard has room left: raise a capacity or add a shard."));
                continue;
            }
            row.spec.shard = best->name;
        }
        ++placed[row.spec.shard];
        byShard[row.spec.shard].append(i);
    }

    // One worker per shard (fewer when there are more shards than sessions allowed).
    const int workers = std::min<int>(m_maxSessions, int(byShard.size()));
    QList<QList<int>> queues(workers);
    int next = 0;
    for (const QList<int>& shardRows : std::as_const(byShard))
        queues[next++ % workers] += shardRows;
    std::vector<std::jthread> threads;
    for (const QList<int>& queue : std::as_const(queues)) {
        threads.emplace_back([&, queue] {
            PgConnection c;
            std::optional<PgError> connectError;
            try {
                c.open(m_catalog);
            } catch (const PgError& e) {
                connectError = e;
            }
            ShardConnections shardConnections(m_catalog, roles);
            TenantProvisioner provisioner(c, shardConnections);
            for (int i : queue) {
                if (cancel)
                    return;
                if (connectError) {
                    update(i, JobState::Failed, connectError->message());
                    continue;
                }
                update(i, JobState::Running);
                QElapsedTimer timer;
                timer.start();
                try {
                    provisioner.provision(rows[i].spec);
                    rows[i].ms = double(timer.nsecsElapsed()) / 1e6;
                    update(i, JobState::Done,
                           QStringLiteral("%1 on %2").arg(toString(rows[i].spec.model), rows[i].spec.shard));
                } catch (const Failure& e) {
                    rows[i].ms = double(timer.nsecsElapsed()) / 1e6;
                    update(i, PgError::is(e, PgError::Kind::UnknownOutcome) ? JobState::Unconfirmed : JobState::Failed,
                           e.message());
                }
            }
        });
    }
}
