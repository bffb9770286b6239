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
    // Back stays on the result page: after "nothing was adopted" the choice can be changed and applied again.
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

AdoptApplier::Template AdoptWizard::chosenTemplate() const
{
    return static_cast<const AdoptWizardPreviewPage*>(page(PreviewPage))->chosenTemplate();
}

void AdoptWizard::reject()
{
    if (m_session->isBusy())
        m_session->cancel();
    QWizard::reject();
}
