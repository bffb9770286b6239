#include "fleet/CatalogConnection.h"

#include "base/InputError.h"
#include "catalog/CatalogClient.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/CatalogSnapshot.h"
#include "fleet/FleetChangeListener.h"
#include "fleet/FleetProber.h"
#include "fleet/ShardTableModel.h"
#include "fleet/TenantTableModel.h"
#include "pg/PgSession.h"
#include "pg/SqlResource.h"

#include <QTimer>

namespace {

constexpr int FleetGenerationVersion = 5; // tenantdesk.fleet_generation

struct FleetLoad {
    QList<ShardInfo> shards;
    qint64 generation;
    TenantTable tenants; // every one, unless shown page by page as the job went
};

qint64 fleetGeneration(PgConnection& c)
{
    const PgResult r = c.exec(SqlResource::text(QStringLiteral("catalog_queries/fleet_generation.sql")));
    return r.rows() > 0 ? r.toInt(0, 0) : 0;
}

} // namespace

CatalogConnection::CatalogConnection(TenantTableModel* tenants, ShardTableModel* shards, QObject* parent)
    : QObject(parent)
    , m_tenants(tenants)
    , m_shards(shards)
    , m_prober(new FleetProber(this))
    , m_listener(new FleetChangeListener(this))
    , m_session(new PgSession)
{
    connect(m_prober, &FleetProber::endpointProbed, m_shards, &ShardTableModel::setEndpointStatus);
    connect(m_prober, &FleetProber::finished, this, &CatalogConnection::endpointsProbed);
    connect(m_listener, &FleetChangeListener::notified, this, &CatalogConnection::pollFleetGeneration);
    auto* fleetPoll = new QTimer(this);
    connect(fleetPoll, &QTimer::timeout, this, &CatalogConnection::pollFleetGeneration);
    fleetPoll->start(FleetPollMs);
}

CatalogConnection::~CatalogConnection()
{
    // Joins the workers while this object is still whole: a job's last message to us is posted
    // before that, and discarded with us. A connect in progress ends within connect_timeout.
    delete m_attempt;
    delete m_session;
}

void CatalogConnection::open(const ConnectionParams& params)
{
    if (m_attempt)
        retire(m_attempt);
    const Generation::Ticket attempt = m_attempts.next();
    m_attempt = new PgSession;
    m_attemptParams = params.withSafeDefaults();
    emit activityChanged(tr("Connecting to %1…").arg(m_attemptParams.toDisplayString()));
    m_attempt->open(m_attemptParams, this, thenInspect<void>(attempt, Step::Connect, Purpose::Open));
}

void CatalogConnection::upgrade()
{
    if (!m_attempt)
        return;
    const Generation::Ticket attempt = m_attempts.current();
    emit activityChanged(tr("Upgrading the catalog…"));
    m_attempt->run<int>([](PgConnection& c) { return CatalogMigrator::migrate(c).to; }, this,
                        thenInspect<int>(attempt, Step::Upgrade, Purpose::Upgraded));
}

void CatalogConnection::declineUpgrade()
{
    if (!m_attempt)
        return;
    failAttempt(Step::Upgrade, InputError(tr("The catalog was left at version %1; this TenantDesk needs version "
                                             "%2 to show it. Nothing was changed.")
                                              .arg(m_attemptInfo.catalogVersion)
                                              .arg(m_attemptInfo.latestVersion)));
}

void CatalogConnection::refresh()
{
    if (m_params.isEmpty())
        return;
    if (!m_open) {
        open(m_params); // the connection was lost: make a new one
        return;
    }
    m_loads.next();
    m_prober->cancel();
    // Tenants first, as they are what the user waits for; then the catalog's own facts, which
    // may have changed too (counts, version, the role's rights).
    load();
    inspect(Purpose::Refresh);
}

void CatalogConnection::loadTenantDetails(qint64 tenantId)
{
    if (!m_open)
        return;
    m_detailsRequest = tenantId;
    const Generation::Ticket load = m_loads.current();
    m_session->run<TenantDetails>([tenantId](PgConnection& c) { return CatalogClient::loadTenantDetails(c, tenantId); },
                                  this,
                                  [this, load, tenantId](Outcome<TenantDetails> result) {
                                      if (!load.isCurrent() || tenantId != m_detailsRequest)
                                          return;
                                      if (!result.ok())
                                          fail(Step::Details, *result.error);
                                      else
                                          emit tenantDetailsLoaded(*result.value);
                                  });
}

void CatalogConnection::cancel()
{
    // A connection being tried is abandoned; its worker finishes (within connect_timeout) unseen.
    if (m_attempt)
        failAttempt(Step::Connect, PgError(PgError::Kind::Cancelled, tr("Connecting was cancelled.")));
    else
        m_session->cancel();
}

QString CatalogConnection::displayName() const
{
    return m_params.toDisplayString();
}

void CatalogConnection::inspect(Purpose purpose)
{
    const bool refresh = purpose == Purpose::Refresh;
    const Generation::Ticket ticket = refresh ? m_loads.current() : m_attempts.current();
    if (!refresh)
        emit activityChanged(tr("Reading the catalog…"));
    PgSession* session = refresh ? m_session : m_attempt;
    session->run<CatalogInfo>([](PgConnection& c) { return CatalogClient::inspect(c); }, this,
                              [this, ticket, purpose, refresh](Outcome<CatalogInfo> result) {
                                  if (!ticket.isCurrent())
                                      return;
                                  if (refresh) {
                                      if (!result.ok()) {
                                          fail(Step::Load, *result.error);
                                          return;
                                      }
                                      m_info = *result.value;
                                      emit infoChanged(m_info);
                                      return;
                                  }
                                  if (!result.ok()) {
                                      // Not a catalog: leave that database alone. (A newer one opens read-only:
                                      // CatalogGate refuses its writes.)
                                      failAttempt(Step::Inspect, *result.error);
                                      return;
                                  }
                                  m_attemptInfo = *result.value;
                                  if (purpose == Purpose::Open && m_attemptInfo.status == CatalogInfo::Status::Older) {
                                      emit activityChanged({});
                                      emit upgradeOffered(m_attemptInfo.catalogVersion, m_attemptInfo.latestVersion);
                                      return;
                                  }
                                  promote();
                                  emit opened(m_info);
                                  load();
                              });
}

void CatalogConnection::failAttempt(Step step, const JobError& error)
{
    m_attempts.invalidate();
    retire(std::exchange(m_attempt, nullptr));
    emit activityChanged({});
    emit failed(step, error);
}

void CatalogConnection::promote()
{
    m_loads.next();
    m_prober->cancel();
    retire(std::exchange(m_session, std::exchange(m_attempt, nullptr)));
    m_params = m_attemptParams;
    m_info = m_attemptInfo;
    m_open = true;
    m_complete = false;
    m_fleetGeneration = 0;
    m_listener->listen(m_params);
    m_tenants->clear();
    m_shards->clear();
}

void CatalogConnection::load()
{
    m_complete = false;
    emit activityChanged(tr("Loading tenants…"));
    loadFleet(m_loads.current(), Rows::FirstPageEarly);
}

void CatalogConnection::loadFleet(const Generation::Ticket& load, Rows rows)
{
    const bool generations = m_info.catalogVersion >= FleetGenerationVersion;
    const bool firstPageEarly = rows == Rows::FirstPageEarly;
    m_session->run<FleetLoad>(
        [this, load, generations, firstPageEarly](PgConnection& c) {
            // Shown on the GUI thread as soon as decoded, while this job goes on.
            const auto show = [this, load](std::function<void()> what) {
                QMetaObject::invokeMethod(
                    this,
                    [load, what = std::move(what)] {
                        if (load.isCurrent())
                            what();
                    },
                    Qt::QueuedConnection);
            };
            // One snapshot, so that every tenant row names its shard as the shards list shows it.
            // The generation is read in it too: a change that lands after it is seen by the next poll.
            CatalogSnapshot snapshot(c);
            FleetLoad loaded{{}, generations ? fleetGeneration(c) : 0, {}};
            if (firstPageEarly) {
                TenantTable first = CatalogClient::loadTenants(c, FirstPageRows);
                const bool more = first.size() == FirstPageRows;
                show([this, first = std::move(first)]() mutable {
                    m_tenants->setTenants(std::move(first));
                    emit firstPageShown();
                });
                TenantTable rest = more ? CatalogClient::loadTenants(c, -1, FirstPageRows) : TenantTable();
                show([this, rest = std::move(rest)] {
                    m_tenants->appendTenants(rest);
                    m_complete = true;
                    emit activityChanged(tr("Loading shards…"));
                });
            } else {
                loaded.tenants = CatalogClient::loadTenants(c);
            }
            loaded.shards = CatalogClient::loadShards(c);
            return loaded;
        },
        this,
        [this, load, firstPageEarly](Outcome<FleetLoad> result) {
            if (!load.isCurrent())
                return;
            if (!result.ok()) {
                m_complete = false;
                fail(Step::Load, *result.error);
                return;
            }
            m_fleetGeneration = std::max(m_fleetGeneration, result.value->generation);
            if (!firstPageEarly) {
                // Not a reset: the list keeps its scroll position, selection, filter and order.
                m_tenants->replaceTenants(std::move(result.value->tenants));
                m_complete = true;
            }
            m_shards->setShards(result.value->shards);
            m_prober->probe(m_params, result.value->shards);
            emit activityChanged({});
            emit loaded();
        });
}

void CatalogConnection::pollFleetGeneration()
{
    if (!m_open || m_fleetPollPending || m_info.catalogVersion < FleetGenerationVersion)
        return;
    m_fleetPollPending = true;
    const Generation::Ticket load = m_loads.current();
    m_session->run<qint64>([](PgConnection& c) { return fleetGeneration(c); }, this,
                           [this, load](Outcome<qint64> result) {
                               m_fleetPollPending = false;
                               // A failed poll says nothing new: the next load or refresh reports a lost connection.
                               if (!load.isCurrent() || !result.ok())
                                   return;
                               if (*result.value <= m_fleetGeneration)
                                   return;
                               m_fleetGeneration = *result.value;
                               emit fleetShapeChanged(*result.value);
                               // The tenants too: their rows show shard names, which may have changed.
                               loadFleet(load, Rows::InPlace);
                           });
}

void CatalogConnection::fail(Step step, const JobError& error)
{
    // A lost connection is made again by the next refresh().
    if (error.is(PgError::Kind::Connection) || error.is(PgError::Kind::UnknownOutcome))
        m_open = false;
    emit activityChanged({});
    emit failed(step, error);
}

void CatalogConnection::retire(PgSession* session)
{
    session->cancel();
    // Its destructor joins the worker thread: only once the worker is idle, so it never waits.
    if (!session->isBusy()) {
        session->deleteLater();
        return;
    }
    connect(session, &PgSession::busyChanged, session, [session](bool busy) {
        if (!busy)
            session->deleteLater();
    });
}
