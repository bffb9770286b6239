#include "ui/adopt/AdoptWizard.h"

#include "pg/PgSession.h"
#include "ui/adopt/AdoptWizardPreviewPage.h"
#include "ui/adopt/AdoptWizardResultPage.h"
#include "ui/adopt/AdoptWizardScanPage.h"
#include "ui/adopt/AdoptWizardSourcePage.h"

#include <QAbstractButton>

AdoptWizard::AdoptWizard(const ConnectionParams& catalog, QWidget* parent)
    : QWizard(parent)
    , m_catalog(catalog.withSafeDefaults())
    , m_session(new PgSession)
{
    setObjectName(QStringLiteral("adoptWizard"));
    setWindowTitle(tr("Adopt Existing Tenants"));
    setWindowModality(Qt::WindowModal);
    setWizardStyle(QWizard::ClassicStyle);
    // Back on the result page only after "nothing was adopted", to change the choice and apply it
    // again (AdoptWizardResultPage).
    setPage(SourcePage, new AdoptWizardSourcePage(this));
    setPage(ScanPage, new AdoptWizardScanPage(this));
    setPage(PreviewPage, new AdoptWizardPreviewPage(this));
    setPage(ResultPage, new AdoptWizardResultPage(this));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("wizardNext"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("wizardBack"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("wizardFinish"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("wizardCancel"));
    resize(900, 600);
    m_session->open(m_catalog, this, {});
}

AdoptWizard::~AdoptWizard()
{
    // Before the pages go: the session's worker may still report to them until it has stopped.
    delete m_session;
}

AdoptRequest AdoptWizard::request() const
{
    return static_cast<const AdoptWizardSourcePage*>(page(SourcePage))->request();
}

QList<AdoptCandidate> AdoptWizard::chosen() const
{
    return static_cast<const AdoptWizardScanPage*>(page(ScanPage))->chosen();
}

void AdoptWizard::reject()
{
    if (m_session->isBusy())
        m_session->cancel();
    QWizard::reject();
}
