#include "ui/fleetadmin/FleetForms.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace {

QLineEdit* lineEdit(const QString& text, const char* name, QWidget* parent)
{
    auto* edit = new QLineEdit(text, parent);
    edit->setObjectName(QLatin1String(name));
    return edit;
}

QComboBox* choice(const QStringList& values, const QString& current, const char* name, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->setObjectName(QLatin1String(name));
    box->addItems(values);
    box->setCurrentText(current);
    return box;
}

// Role names typed comma-separated.
QStringList roleList(const QLineEdit* edit)
{
    QStringList roles;
    for (const QString& role : edit->text().split(u',', Qt::SkipEmptyParts))
        roles.append(role.trimmed());
    return roles;
}

} // namespace

ShardDialog::ShardDialog(const QString& title, const ShardSpec& shard, const QStringList& fleetApps, QWidget* parent)
    : FleetFormDialog(title, parent)
    , m_name(lineEdit(shard.name, "shardName", this))
    , m_database(lineEdit(shard.tenantDatabase, "shardDatabase", this))
    , m_capacity(new QSpinBox(this))
    , m_fleetApps(new QCheckBox(tr("The fleet's: %1").arg(fleetApps.join(QLatin1String(", "))), this))
    , m_apps(lineEdit(shard.appRoles.value_or(fleetApps).join(QLatin1String(", ")), "shardApps", this))
    , m_tenantOwner(lineEdit(shard.tenantOwner, "shardTenantOwner", this))
{
    setObjectName(QStringLiteral("shardDialog"));
    m_name->setPlaceholderText(tr("lower-case letters, digits, - and _"));
    m_capacity->setObjectName(QStringLiteral("shardCapacity"));
    m_capacity->setRange(1, 100000000);
    m_capacity->setValue(shard.capacity);
    form()->addRow(tr("&Name:"), m_name);
    form()->addRow(tr("&Tenant database:"), m_database);
    form()->addRow(tr("&Capacity (tenants):"), m_capacity);
    // Each server often runs its own application, connecting as a role that exists only there.
    m_fleetApps->setObjectName(QStringLiteral("shardFleetApps"));
    m_fleetApps->setChecked(!shard.appRoles);
    m_apps->setEnabled(shard.appRoles.has_value());
    m_apps->setPlaceholderText(tr("roles the application on this shard connects as, comma-separated"));
    m_apps->setToolTip(tr("TenantDesk grants these roles their way into the shard's tenants, and suspending a "
                          "tenant locks out each. They must exist on the shard's server."));
    connect(m_fleetApps, &QCheckBox::toggled, m_apps, [this](bool fleet) { m_apps->setEnabled(!fleet); });
    form()->addRow(tr("Application roles:"), m_fleetApps);
    form()->addRow(tr("&Its own roles:"), m_apps);
    m_tenantOwner->setPlaceholderText(tr("the fleet's owner role"));
    m_tenantOwner->setToolTip(tr("Empty: new tenants' schemas and tables are owned by the fleet's owner role. One of "
                                 "the application roles: they are owned by it, so the application can create and "
                                 "alter its tables (as django-tenants' migrations do)."));
    form()->addRow(tr("New &tenants owned by:"), m_tenantOwner);
}

ShardSpec ShardDialog::shard() const
{
    return {m_name->text(), m_database->text(), m_capacity->value(),
            m_fleetApps->isChecked() ? std::nullopt : std::optional<QStringList>(roleList(m_apps)),
            m_tenantOwner->text().trimmed()};
}

EndpointDialog::EndpointDialog(const QString& title, const EndpointSpec& endpoint, QWidget* parent)
    : FleetFormDialog(title, parent)
    , m_role(choice({QStringLiteral("primary"), QStringLiteral("replica")}, endpoint.role, "endpointRole", this))
    , m_host(lineEdit(endpoint.host, "endpointHost", this))
    , m_port(new QSpinBox(this))
    , m_maxLag(new QDoubleSpinBox(this))
    , m_pooling(
          choice({QStringLiteral("none"), QStringLiteral("transaction")}, endpoint.pooling, "endpointPooling", this))
{
    setObjectName(QStringLiteral("endpointDialog"));
    m_host->setPlaceholderText(tr("host name, address or socket directory"));
    m_port->setObjectName(QStringLiteral("endpointPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(endpoint.port);
    m_maxLag->setObjectName(QStringLiteral("endpointMaxLag"));
    m_maxLag->setRange(0, 86400);
    m_maxLag->setSuffix(tr(" s"));
    m_maxLag->setValue(endpoint.maxLagSeconds);
    m_pooling->setToolTip(tr("transaction: the endpoint is a PgBouncer in transaction pooling mode."));
    form()->addRow(tr("&Role:"), m_role);
    form()->addRow(tr("&Host:"), m_host);
    form()->addRow(tr("&Port:"), m_port);
    form()->addRow(tr("&Maximum lag for reads:"), m_maxLag);
    form()->addRow(tr("P&ooling:"), m_pooling);
}

EndpointSpec EndpointDialog::endpoint() const
{
    return {m_role->currentText(), m_host->text(), m_port->value(), m_maxLag->value(), m_pooling->currentText()};
}

FleetRolesDialog::FleetRolesDialog(const FleetRoles& roles, QWidget* parent)
    : FleetFormDialog(tr("Fleet Roles"), parent)
    , m_owner(lineEdit(roles.owner, "rolesOwner", this))
    , m_admin(lineEdit(roles.admin, "rolesAdmin", this))
    , m_support(lineEdit(roles.support, "rolesSupport", this))
    , m_apps(lineEdit(roles.apps.join(QLatin1String(", ")), "rolesApps", this))
{
    setObjectName(QStringLiteral("fleetRolesDialog"));
    m_apps->setToolTip(tr("Every role the application connects as, comma-separated: suspending a tenant locks out "
                          "each."));
    form()->addRow(tr("&Owner of tenant objects:"), m_owner);
    form()->addRow(tr("&Admin (TenantDesk logs in as):"), m_admin);
    form()->addRow(tr("&Support (read-only browsing):"), m_support);
    form()->addRow(tr("A&pplication roles:"), m_apps);
}

FleetRoles FleetRolesDialog::roles() const
{
    return {m_owner->text(), m_admin->text(), m_support->text(), roleList(m_apps)};
}
