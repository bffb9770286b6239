#pragma once

#include "pg/ConnectionParams.h"

#include <QObject>

#include <atomic>
#include <memory>

class PgSession;

// LISTENs on the catalog's channel tenantdesk_fleet (announced by every change of shards,
// endpoints, fleet roles and app layouts, catalog version 5) on a connection of its own, and says
// when a notification arrives: another console's change shows within moments. A catalog behind a
// transaction-pooling PgBouncer delivers none and a lost connection ends the listening; the fleet
// generation poll of CatalogConnection covers both.
class FleetChangeListener : public QObject {
    Q_OBJECT
public:
    static constexpr int WakeMs = 500; // how often the listening job looks whether to stop

    explicit FleetChangeListener(QObject* parent = nullptr);
    ~FleetChangeListener() override;

    // Listens on catalog (with safe defaults applied), instead of the catalog listened to before.
    void listen(const ConnectionParams& catalog);
    void stop();

signals:
    void notified();

private:
    PgSession* m_session = nullptr;
    std::shared_ptr<std::atomic_bool> m_stop;
};
