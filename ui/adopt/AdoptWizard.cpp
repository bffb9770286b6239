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
    // Back on the result page only after "nothing was adopted", to change the choice and apply it
    // again (AdoptWizardResultPage).
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
