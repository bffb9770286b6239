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
// It then follows the fleet while asked to (setFollowing): every few seconds it reads the
// catalog's fleet generation (catalog v5 bumps it on every change of shards and endpoints, by
// anyone), and when it moved reads the endpoints again and hands them over through loaded() once
// more, so that an endpoint added, moved or removed is polled as it is now without a restart. A
// number read every few seconds rather than LISTEN 'tenantdesk_fleet': it works through a pooler
// too, and costs the catalog one index-less single-row read.
class FleetMetricsLoader : public QObject {
    Q_OBJECT
public:
    static constexpr int defaultCheckEveryMs = 5000;

    explicit FleetMetricsLoader(QObject* parent = nullptr);
    ~FleetMetricsLoader() override;

    // Reads the endpoints of catalog (with ConnectionParams::withSafeDefaults()); a load still
    // running is abandoned and reports nothing.
    void load(const ConnectionParams& catalog);
    bool isLoading() const { return m_loading; }
    // Checks the fleet generation every checkEveryMs() while on (and the catalog has one).
    void setFollowing(bool on);
    bool isFollowing() const { return m_checks.isActive(); }
    void setCheckEvery(int ms) { m_checks.setInterval(ms); }
    int checkEveryMs() const { return m_checks.interval(); }
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
    void check();

    PgSession* m_session = nullptr; // from load() on
    ConnectionParams m_params;
    bool m_loading = false;
    bool m_reopen = false; // the connection failed: open it again before the next read
    qint64 m_generation = 0;
    Generation m_reads; // a new load() makes the replies of the last one stale
    QTimer m_checks;
};
