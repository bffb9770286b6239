#pragma once

#include "provision/ProvisionPlan.h"
#include "ui/common/SessionWizard.h"

#include <optional>

// New tenant: the details (checked as they are typed: nothing is sent while anything is wrong),
// then the SQL that will run (TenantProvisioner::plan() on the catalog and shard, reads only),
// then the run itself with its steps as they happen. Everything that talks to a server runs on
// the wizard's own PgSession, the very functions tenantctl calls. Window-modal; open() it.
// Cancelling while a step runs interrupts it: the provisioner then removes what it made and marks
// the tenant failed.
//
//   auto* wizard = new ProvisionWizard(catalog()->params(), this);
//   connect(wizard, &ProvisionWizard::tenantCreated, catalog(), &CatalogConnection::refresh);
//   wizard->open();
class ProvisionWizard : public SessionWizard {
    Q_OBJECT
public:
    enum Page { DetailsPage, PreviewPage, RunPage };

    // catalog: the open catalog's parameters (CatalogConnection::params()).
    explicit ProvisionWizard(const ConnectionParams& catalog, QWidget* parent = nullptr);

    // The details page's spec, and the plan the preview page made of it.
    TenantSpec spec() const;
    const std::optional<ProvisionPlan>& plan() const { return m_plan; }
    void setPlan(std::optional<ProvisionPlan> plan) { m_plan = std::move(plan); }

signals:
    void tenantCreated(const QString& slug);

private:
    std::optional<ProvisionPlan> m_plan;
};
