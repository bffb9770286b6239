#include "ui/adopt/AdoptWizardPreviewPage.h"

#include "adopt/AdoptApplier.h"
#include "pg/PgSession.h"
#include "ui/adopt/AdoptWizard.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

AdoptWizardPreviewPage::AdoptWizardPreviewPage(QWidget* parent)
    : QWizardPage(parent)
    , m_status(new QLabel(this))
    , m_preview(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("adoptPreviewPage"));
    setTitle(tr("What will be written"));
    setSubTitle(tr("Nothing has been written yet. Adopt records exactly this in the catalog, in one transaction."));
    m_status->setObjectName(QStringLiteral("adoptPreviewStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_preview->setObjectName(QStringLiteral("adoptPreview"));
    m_preview->setReadOnly(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_preview, 1);
    setButtonText(QWizard::NextButton, tr("&Adopt"));
}

void AdoptWizardPreviewPage::initializePage()
{
    const auto* wizard = static_cast<const AdoptWizard*>(this->wizard());
    const QList<AdoptCandidate> chosen = wizard->chosen();
    const QStringList problems = AdoptApplier::problems(chosen);
    m_ok = problems.isEmpty() && wizard->scan();
    if (!m_ok) {
        m_status->setStyleSheet(QStringLiteral("color: #b3261e;"));
        m_status->setText(problems.join(u'\n') + u'\n' + tr("Go back to change the slugs or names."));
        m_preview->clear();
        return;
    }
    m_status->setStyleSheet({});
    m_status->setText(tr("Checking the choice against the catalog…"));
    m_preview->setPlainText(AdoptApplier::preview(*wizard->scan(), chosen, {}).join(u'\n'));
    // Collisions with the catalog are shown now rather than refused at Adopt (which checks again).
    m_ok = false;
    const Generation::Ticket ticket = m_checks.next();
    const AdoptScan scan = *wizard->scan();
    wizard->session()->run<QStringList>(
        [scan, chosen](PgConnection& c) { return AdoptApplier(c).collisions(scan, chosen); }, this,
        [this, ticket, count = chosen.size(), shard = scan.shard.name](Outcome<QStringList> result) {
            if (!ticket.isCurrent())
                return;
            m_ok = result.ok() && result.value->isEmpty();
            if (m_ok) {
                m_status->setText(tr("%1 tenant(s) on %2.").arg(QString::number(count), shard));
            } else {
                m_status->setStyleSheet(QStringLiteral("color: #b3261e;"));
                m_status->setText(result.ok()
                                      ? result.value->join(u'\n') + u'\n' + AdoptApplier::collisionAdvice(*result.value)
                                      : result.error->text());
            }
            emit completeChanged();
        });
}

void AdoptWizardPreviewPage::cleanupPage()
{
    m_checks.invalidate();
}
