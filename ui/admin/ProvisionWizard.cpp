#include "ui/admin/ProvisionWizard.h"

#include "pg/PgSession.h"
#include "ui/admin/ProvisionWizardDetailsPage.h"
#include "ui/admin/ProvisionWizardPreviewPage.h"
#include "ui/admin/ProvisionWizardRunPage.h"

#include <QAbstractButton>

ProvisionWizard::ProvisionWizard(const ConnectionParams& catalog, QWidget* parent)
    : QWizard(parent)
    , m_catalog(catalog.withSafeDefaults())
    , m_session(new PgSession)
{
    setObjectName(QStringLiteral("provisionWizard"));
    setWindowTitle(tr("New tenant"));
    setWindowModality(Qt::WindowModal);
    setAttribute(Qt::WA_DeleteOnClose);
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::DisabledBackButtonOnLastPage);
    setPage(DetailsPage, new ProvisionWizardDetailsPage(this));
    setPage(PreviewPage, new ProvisionWizardPreviewPage(this));
    setPage(RunPage, new ProvisionWizardRunPage(this));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("wizardNext"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("wizardBack"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("wizardFinish"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("wizardCancel"));
    resize(760, 560);
    m_session->open(m_catalog, this, {});
}

ProvisionWizard::~ProvisionWizard()
{
    // Before the pages go: the session's worker may still report to them until it has stopped.
    delete m_session;
}

TenantSpec ProvisionWizard::spec() const
{
    return static_cast<const ProvisionWizardDetailsPage*>(page(DetailsPage))->spec();
}

void ProvisionWizard::reject()
{
    if (m_session->isBusy())
        m_session->cancel();
    QWizard::reject();
}
