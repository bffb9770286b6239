#pragma once

#include "catalog/CatalogInfo.h"
#include "catalog/TenantDetails.h"
#include "pg/ConnectionParams.h"
#include "pg/Generation.h"
#include "pg/JobError.h"
#include "pg/Outcome.h"

#include <QObject>

class QTimer;

class FleetChangeListener;
class FleetProber;
class PgSession;
class ShardTableModel;
class TenantTableModel;

// One open catalog and the models that show it. Runs the connecting flow on a PgSession, with
// the same CatalogClient functions tenantctl uses:
//
//   open -> connect -> inspect -> [older catalog: upgradeOffered, then upgrade() or declineUpgrade()]
//        -> opened -> first page of tenants (firstPageShown) -> every other tenant, from the same
//           snapshot -> shards -> loaded; then every endpoint probed (endpointsProbed).
//   refresh -> the same load -> inspect again (infoChanged).
//
// A new catalog is tried on a session of its own: until it is connected and known to be a
// catalog, the one already open stays open and shown, so a mistyped password costs nothing.
// The fleet's shape is followed while the catalog is open: the catalog's fleet generation (version
// 5, bumped by every change of shards, endpoints, fleet roles or app layouts, whoever made it) is
// read on the open session when a NOTIFY on tenantdesk_fleet arrives (FleetChangeListener) and
// every FleetPollMs (the fallback where notifications do not come); when it moved,
// fleetShapeChanged is emitted and the shards and tenants are loaded again (the tenants in place,
// keeping the list's selection and scroll) and the endpoints probed again, so the tree and the
// tables show it without a restart.
//
// Nothing here blocks the GUI thread: results arrive as values and are put into the models on
// it. Results that arrive after a newer open(), refresh() or close() are dropped (Generation
// tickets), so a slow answer never overwrites a newer one.
class CatalogConnection : public QObject {
    Q_OBJECT
public:
    static constexpr int FirstPageRows = 200;
    static constexpr int FleetPollMs = 3000;

    // Connect, Inspect and Upgrade fail an attempt to open a catalog, which changes nothing that
    // is open; Load and Details concern the open catalog.
    enum class Step { Connect, Inspect, Upgrade, Load, Details };
    Q_ENUM(Step)

    CatalogConnection(TenantTableModel* tenants, ShardTableModel* shards, QObject* parent = nullptr);
    ~CatalogConnection() override;

    // Tries params (with ConnectionParams::withSafeDefaults()); replaces the open catalog once it
    // is connected and inspected. A newer open() abandons an attempt still running.
    void open(const ConnectionParams& params);
    // Answers upgradeOffered.
    void upgrade();
    void declineUpgrade();
    // Reloads tenants and shards on the open connection, and probes the endpoints again; after a
    // lost connection, connects again first.
    void refresh();
    // Loads everything about one tenant; tenantDetailsLoaded follows unless another is asked first.
    void loadTenantDetails(qint64 tenantId);
    // Reads the catalog's fleet generation now (it is also read every FleetPollMs); when it moved,
    // fleetShapeChanged follows and the shards and tenants are reloaded.
    void pollFleetGeneration();
    // Abandons a catalog being tried, else interrupts the statement running on the server
    // (PQcancel); what it was loading is reported as failed with PgError::Kind::Cancelled.
    void cancel();

    bool isOpen() const { return m_open; }
    const CatalogInfo& info() const { return m_info; }
    // The open catalog's server and database as connected, without any password.
    QString displayName() const;
    const ConnectionParams& params() const { return m_params; }
    // Whether every tenant of the last load arrived.
    bool isComplete() const { return m_complete; }

signals:
    void upgradeOffered(int fromVersion, int toVersion);
    void opened(const CatalogInfo& info);
    // A refresh read the catalog's facts again.
    void infoChanged(const CatalogInfo& info);
    void firstPageShown();
    void loaded();
    // Every endpoint of the last load has been probed (ShardTableModel holds the results).
    void endpointsProbed();
    void failed(CatalogConnection::Step step, const JobError& error);
    void tenantDetailsLoaded(const TenantDetails& details);
    // The catalog's fleet generation moved: a shard, endpoint, fleet role name or app layout was
    // added, changed or removed, here or by another admin. The shards and tenants are being reloaded; what
    // else depends on the fleet's shape (the load dashboard's polling) should re-read it too.
    void fleetShapeChanged(qint64 generation);
    // Work is running on the server: what, for a status bar; empty when idle.
    void activityChanged(const QString& what);

private:
    // Open: may offer an upgrade; Upgraded: opens whatever the version; Refresh: only updates info.
    enum class Purpose { Open, Upgraded, Refresh };
    void inspect(Purpose purpose);
    void failAttempt(Step step, const JobError& error);
    // What the attempt does when step's job answers: nothing when a newer attempt began, else
    // fails at step or inspects the catalog for purpose.
    template <typename T>
    auto thenInspect(Generation::Ticket attempt, Step step, Purpose purpose)
    {
        return [this, attempt, step, purpose](Outcome<T> result) {
            if (!attempt.isCurrent())
                return;
            if (!result.ok())
                failAttempt(step, *result.error);
            else
                inspect(purpose);
        };
    }
    // The attempt becomes the open catalog; the one open before is closed.
    void promote();
    void load();
    // FirstPageEarly: a load shown from its first page on (firstPageShown, then the rest appended);
    // InPlace: every tenant replaces the rows shown, keeping selection and scroll (a fleet change).
    enum class Rows { FirstPageEarly, InPlace };
    // The tenants, the shards and the fleet generation, from one snapshot in one job.
    void loadFleet(const Generation::Ticket& load, Rows rows);
    void fail(Step step, const JobError& error);
    // Ends a session without waiting for it: it goes once its last job is done.
    static void retire(PgSession* session);

    TenantTableModel* m_tenants;
    ShardTableModel* m_shards;
    FleetProber* m_prober;
    FleetChangeListener* m_listener;

    PgSession* m_session; // the open catalog's; connected when m_open
    ConnectionParams m_params;
    CatalogInfo m_info;
    Generation m_loads; // of the open catalog
    qint64 m_detailsRequest = 0;
    bool m_open = false;
    bool m_complete = false;
    qint64 m_fleetGeneration = 0; // as of the shards shown
    bool m_fleetPollPending = false;

    PgSession* m_attempt = nullptr; // a catalog being tried
    ConnectionParams m_attemptParams;
    CatalogInfo m_attemptInfo;
    Generation m_attempts;
};
