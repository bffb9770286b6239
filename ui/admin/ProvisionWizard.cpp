#include "ui/admin/ProvisionWizard.h"

#include "ui/admin/ProvisionWizardDetailsPage.h"
#include "ui/admin/ProvisionWizardPreviewPage.h"
#include "ui/admin/ProvisionWizardRunPage.h"

ProvisionWizard::ProvisionWizard(const ConnectionParams& catalog, QWidget* parent)
    : SessionWizard(catalog, parent)
{
    setObjectName(QStringLiteral("provisionWizard"));
    setWindowTitle(tr("New tenant"));
    setAttribute(Qt::WA_DeleteOnClose);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::DisabledBackButtonOnLastPage);
    setPage(DetailsPage, new ProvisionWizardDetailsPage(this));
    setPage(PreviewPage, new ProvisionWizardPreviewPage(this));
    setPage(RunPage, new ProvisionWizardRunPage(this));
    resize(760, 560);
}

TenantSpec ProvisionWizard::spec() const
{
    return static_cast<const ProvisionWizardDetailsPage*>(page(DetailsPage))->spec();
}
