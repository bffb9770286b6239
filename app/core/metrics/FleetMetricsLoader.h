#pragma once

#include "metrics/MetricTarget.h"
#include "pg/ConnectionParams.h"
#include "pg/Generation.h"

#include <QList>
#include <QObject>
#include <QTimer>

class PgSession;

// The fleet-loading half of the dashboard, without widgets: reads the endpoints to sample (and
// their tenants) from a catalog on a PgSession of its own, off the caller's thread. The GUI, and
// anything else that polls the fleet, builds its MetricsPoller from what loaded() hands over.
//
// It then follows the fleet while asked to (setFollowing): when told that the catalog's fleet
// generation moved (followGeneration, from whoever watches the catalog: CatalogConnection's
// fleetShapeChanged in the GUI) or that the fleet changed (reload, from a FleetChangeListener),
// it reads the endpoints again and hands them over through loaded() once more, so that an
// endpoint added, moved or removed is polled as it is now without a restart. It does not watch
// the catalog itself: one listener per catalog is enough. Told while hidden, it reads when
// following again; a read that failed is tried again after RetryMs.
class FleetMetricsLoader : public QObject {
    Q_OBJECT
public:
    static constexpr int RetryMs = 5000;

    explicit FleetMetricsLoader(QObject* parent = nullptr);
    ~FleetMetricsLoader() override;

    // Reads the endpoints of catalog (with ConnectionParams::withSafeDefaults()); a load still
    // running is abandoned and reports nothing.
    void load(const ConnectionParams& catalog);
    bool isLoading() const { return m_loading; }
    // While off, changes are noted and read once it is on again.
    void setFollowing(bool on);
    bool isFollowing() const { return m_following; }
    // The catalog's fleet generation is now generation: the endpoints are read again unless the
    // last read saw it already.
    void followGeneration(qint64 generation);
    // The fleet changed (a notification without a generation): the endpoints are read again.
    void reload();
    // The generation of the endpoints loaded last (0: the catalog has none, before v5).
    qint64 generation() const { return m_generation; }
    // The catalog of the last load(), as connected.
    const ConnectionParams& params() const { return m_params; }
    // Where the metric history of that catalog's fleet is kept.
    QString historyPath() const;

signals:
    // The endpoints: after load(), and again after every change of the fleet while following.
    void loaded(const QList<MetricTarget>& targets);
    // What went wrong, for a status line: the catalog unreachable, or its endpoints unreadable.
    void failed(const QString& problem);

private:
    void open();
    void readTargets();
    // Reads the endpoints again if following, not reading already, and they are stale or failed.
    void catchUp();

    PgSession* m_session = nullptr; // from load() on
    ConnectionParams m_params;
    bool m_loading = false;
    bool m_following = false;
    bool m_reopen = false;          // the connection failed: open it again before the next read
    bool m_stale = false;           // reload() asked for a read that has not started yet
    qint64 m_generation = 0;        // of the endpoints loaded last
    qint64 m_catalogGeneration = 0; // the newest the catalog was said to have
    Generation m_reads;             // a new load() makes the replies of the last one stale
    QTimer m_retry;
};
