#include "ui/adopt/AdoptWizardResultPage.h"

#include "adopt/AdoptApplier.h"
#include "pg/PgSession.h"
#include "ui/adopt/AdoptWizard.h"
#include "ui/common/DialogParts.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

AdoptWizardResultPage::AdoptWizardResultPage(QWidget* parent)
    : QWizardPage(parent)
    , m_result(DialogParts::statusLabel(this, QStringLiteral("adoptResult")))
    , m_details(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("adoptResultPage"));
    setTitle(tr("Adopting"));
    m_details->setReadOnly(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_result);
    layout->addWidget(m_details, 1);
    setFinalPage(true);
}

void AdoptWizardResultPage::initializePage()
{
    auto* wizard = static_cast<AdoptWizard*>(this->wizard());
    m_finished = false;
    // No Back while adopting, nor after: the pages before offer Adopt again with a scan that is
    // out of date. After "nothing was adopted", Back is how the choice is changed.
    wizard->setOption(QWizard::DisabledBackButtonOnLastPage, true);
    DialogParts::showStatus(m_result, tr("Recording the tenants in the catalog…"));
    const AdoptScan scan = *wizard->scan();
    const QList<AdoptCandidate> chosen = wizard->chosen();
    const AdoptApplier::Template chosenTemplate = wizard->chosenTemplate();
    m_details->setPlainText(AdoptApplier::preview(scan, chosen, chosenTemplate).join(u'\n'));
    wizard->session()->run<QList<qint64>>(
        [scan, chosen, chosenTemplate](PgConnection& c) { return AdoptApplier(c).apply(scan, chosen, chosenTemplate); },
        this,
        [this, wizard, scan](Outcome<QList<qint64>> result) {
            m_finished = true;
            if (!result.ok()) {
                // An unknown outcome is not a failure: it may have been adopted (the text says how to
                // tell), so Back stays off as after a success.
                if (result.error->is(PgError::Kind::UnknownOutcome)) {
                    DialogParts::showStatus(m_result, result.error->text());
                    m_result->setStyleSheet(QStringLiteral("color: #8a5300;"));
                } else {
                    wizard->setOption(QWizard::DisabledBackButtonOnLastPage, false);
                    DialogParts::showProblem(m_result, result.error->text());
                }
            } else {
                m_result->setText(tr("Adopted %1 tenant(s) on %2. They are in the catalog under their own names; "
                                     "every action of the Tenants menu works on them.")
                                      .arg(QString::number(result.value->size()), scan.shard.name));
                emit wizard->tenantsAdopted(int(result.value->size()));
            }
            emit completeChanged();
        });
}
