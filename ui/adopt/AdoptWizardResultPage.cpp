#include "ui/adopt/AdoptWizardResultPage.h"

#include "adopt/AdoptApplier.h"
#include "pg/PgSession.h"
#include "ui/adopt/AdoptWizard.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

AdoptWizardResultPage::AdoptWizardResultPage(QWidget* parent)
    : QWizardPage(parent)
    , m_result(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("adoptResultPage"));
    setTitle(tr("Adopting"));
    m_result->setObjectName(QStringLiteral("adoptResult"));
    m_result->setTextFormat(Qt::PlainText);
    m_result->setWordWrap(true);
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
    m_result->setStyleSheet({});
    m_result->setText(tr("Recording the tenants in the catalog…"));
    const AdoptScan scan = *wizard->scan();
    const QList<AdoptCandidate> chosen = wizard->chosen();
    m_details->setPlainText(AdoptApplier::preview(scan, chosen, {}).join(u'\n'));
    wizard->session()->run<QList<qint64>>(
        [scan, chosen](PgConnection& c) { return AdoptApplier(c).apply(scan, chosen, {}); }, this,
        [this, wizard, scan](Outcome<QList<qint64>> result) {
            m_finished = true;
            if (!result.ok()) {
                wizard->setOption(QWizard::DisabledBackButtonOnLastPage, false);
                m_result->setStyleSheet(QStringLiteral("color: #b3261e;"));
                m_result->setText(result.error->text());
            } else {
                m_result->setText(tr("Adopted %1 tenant(s) on %2. They are in the catalog under their own names; "
                                     "every action of the Tenants menu works on them.")
                                      .arg(QString::number(result.value->size()), scan.shard.name));
                emit wizard->tenantsAdopted(int(result.value->size()));
            }
            emit completeChanged();
        });
}
