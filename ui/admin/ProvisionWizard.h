#pragma once

#include "pg/ConnectionParams.h"
#include "provision/ProvisionPlan.h"

#include <QWizard>
#include <optional>

class PgSession;

// New tenant: the details (checked as they are typed: nothing is sent while anything is wrong),
// then the SQL that will run (TenantProvisioner::plan() on the catalog and shard, reads only),
// then the run itself with its steps as they happen. Everything that talks to a server runs on
// the wizard's own PgSession, the very functions tenantctl calls. Window-modal; open() it.
//
//   auto* wizard = new ProvisionWizard(catalog()->params(), this);
//   connect(wizard, &ProvisionWizard::tenantCreated, catalog(), &CatalogConnection::refresh);
//   wizard->open();
class ProvisionWizard : public QWizard {
    Q_OBJECT
public:
    enum Page { DetailsPage, PreviewPage, RunPage };

    // catalog: the open catalog's parameters (CatalogConnection::params()).
    explicit ProvisionWizard(const ConnectionParams& catalog, QWidget* parent = nullptr);
    ~ProvisionWizard() override;

    PgSession* session() const { return m_session; }
    const ConnectionParams& catalogParams() const { return m_catalog; }
    // The details page's spec, and the plan the preview page made of it.
    TenantSpec spec() const;
    const std::optional<ProvisionPlan>& plan() const { return m_plan; }
    void setPlan(std::optional<ProvisionPlan> plan) { m_plan = std::move(plan); }

signals:
    void tenantCreated(const QString& slug);

public slots:
    // While a step runs on the server, cancelling interrupts it (PQcancel): the provisioner then
    // removes what it made and marks the tenant failed.
    void reject() override;

private:
    ConnectionParams m_catalog;
    PgSession* m_session;
    std::optional<ProvisionPlan> m_plan;
};
