#include "ui/adopt/AdoptWizard.h"

#include "ui/adopt/AdoptWizardPreviewPage.h"
#include "ui/adopt/AdoptWizardResultPage.h"
#include "ui/adopt/AdoptWizardScanPage.h"
#include "ui/adopt/AdoptWizardSourcePage.h"

AdoptWizard::AdoptWizard(const ConnectionParams& catalog, QWidget* parent)
    : SessionWizard(catalog, parent)
{
    setObjectName(QStringLiteral("adoptWizard"));
    setWindowTitle(tr("Adopt Existing Tenants"));
    // Back stays on the result page: after "nothing was adopted" the choice can be changed and applied again.
    setPage(SourcePage, new AdoptWizardSourcePage(this));
    setPage(ScanPage, new AdoptWizardScanPage(this));
    setPage(PreviewPage, new AdoptWizardPreviewPage(this));
    setPage(ResultPage, new AdoptWizardResultPage(this));
    resize(900, 600);
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
