#pragma once

#include "browse/BrowseRoute.h"
#include "catalog/TenantTarget.h"

#include <QFrame>

class ElidedLabel;
class QLabel;

// The strip across the top of every tenant tab, so that nobody mistakes one tenant for another:
// slug and name, isolation model and schema or database, shard, the endpoint being read (with
// the replica's lag), and READ-ONLY. Server text is shown as plain text.
class TenantBanner : public QFrame {
    Q_OBJECT
public:
    explicit TenantBanner(const TenantTarget& target, QWidget* parent = nullptr);

    void setRoute(const BrowseRoute& route);
    QString text() const;

private:
    ElidedLabel* m_tenant;
    ElidedLabel* m_placement;
    ElidedLabel* m_endpoint;
    QLabel* m_readOnly; // never shortened
};
