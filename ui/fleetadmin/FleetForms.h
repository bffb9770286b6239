#pragma once

#include "catalog/FleetRoles.h"
#include "fleetadmin/FleetShard.h"
#include "ui/fleetadmin/FleetFormDialog.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

// A shard's name, tenant database, capacity and application roles: the fleet's (fleetApps), or
// its own, comma-separated.
class ShardDialog : public FleetFormDialog {
    Q_OBJECT
public:
    ShardDialog(const QString& title, const ShardSpec& shard, const QStringList& fleetApps, QWidget* parent);
    ShardSpec shard() const;

private:
    QLineEdit* m_name;
    QLineEdit* m_database;
    QSpinBox* m_capacity;
    QCheckBox* m_fleetApps;
    QLineEdit* m_apps;
    QLineEdit* m_tenantOwner;
};

// An endpoint's role, address, lag bound and pooling.
class EndpointDialog : public FleetFormDialog {
    Q_OBJECT
public:
    EndpointDialog(const QString& title, const EndpointSpec& endpoint, QWidget* parent);
    EndpointSpec endpoint() const;

private:
    QComboBox* m_role;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QDoubleSpinBox* m_maxLag;
    QComboBox* m_pooling;
};

// The fleet's role names; the application roles comma-separated.
class FleetRolesDialog : public FleetFormDialog {
    Q_OBJECT
public:
    FleetRolesDialog(const FleetRoles& roles, QWidget* parent);
    FleetRoles roles() const;

private:
    QLineEdit* m_owner;
    QLineEdit* m_admin;
    QLineEdit* m_support;
    QLineEdit* m_apps;
};
