#include "ui/adopt/AdoptWizardPreviewPage.h"

#include "pg/PgSession.h"
#include "provision/TenantTemplates.h"
#include "ui/adopt/AdoptWizard.h"
#include "ui/common/DialogParts.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

AdoptWizardPreviewPage::AdoptWizardPreviewPage(QWidget* parent)
    : QWizardPage(parent)
    , m_template(new QComboBox(this))
    , m_status(DialogParts::statusLabel(this, QStringLiteral("adoptPreviewStatus")))
    , m_preview(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("adoptPreviewPage"));
    setTitle(tr("What will be written"));
    setSubTitle(tr("Nothing has been written yet. Adopt records exactly this in the catalog, in one transaction."));
    m_preview->setObjectName(QStringLiteral("adoptPreview"));
    m_preview->setReadOnly(true);
    m_template->setObjectName(QStringLiteral("adoptTemplate"));
    m_template->addItem(tr("none"));
    m_template->setToolTip(tr("The template version the adopted tenants were made from, if any: template "
                              "upgrades then know where they start."));
    connect(m_template, &QComboBox::currentIndexChanged, this, &AdoptWizardPreviewPage::showPreview);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    form->addRow(tr("&Template:"), m_template);
    layout->addLayout(form);
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
        DialogParts::showProblem(m_status, problems.join(u'\n') + u'\n' + tr("Go back to change the slugs or names."));
        m_preview->clear();
        return;
    }
    DialogParts::showStatus(m_status, tr("Checking the choice against the catalog…"));
    showPreview();
    // Collisions with the catalog are shown now rather than refused at Adopt (which checks again).
    m_ok = false;
    const Generation::Ticket ticket = m_checks.next();
    const AdoptScan scan = *wizard->scan();
    wizard->session()->run<QList<TenantTemplate>>([](PgConnection& c) { return TenantTemplates::all(c); }, this,
                                                  [this, ticket, chosen](Outcome<QList<TenantTemplate>> result) {
                                                      // Without the list, the choice stays none.
                                                      if (ticket.isCurrent() && result.ok())
                                                          showTemplates(*result.value, chosen);
                                                  });
    wizard->session()->run<QStringList>(
        [scan, chosen](PgConnection& c) { return AdoptApplier(c).collisions(scan, chosen); }, this,
        [this, ticket, count = chosen.size(), shard = scan.shard.name](Outcome<QStringList> result) {
            if (!ticket.isCurrent())
                return;
            m_ok = result.ok() && result.value->isEmpty();
            if (m_ok) {
                m_status->setText(tr("%1 tenant(s) on %2.").arg(QString::number(count), shard));
            } else {
                DialogParts::showProblem(m_status, result.ok() ? result.value->join(u'\n') + u'\n'
                                                                     + AdoptApplier::collisionAdvice(*result.value)
                                                               : result.error->text());
            }
            emit completeChanged();
        });
}

AdoptApplier::Template AdoptWizardPreviewPage::chosenTemplate() const
{
    const QStringList entry = m_template->currentData().toStringList(); // {name, version}
    if (entry.size() != 2)
        return {};
    return {entry[0], entry[1].toInt()};
}

void AdoptWizardPreviewPage::showTemplates(const QList<TenantTemplate>& templates, const QList<AdoptCandidate>& chosen)
{
    QList<IsolationModel> models;
    for (const AdoptCandidate& c : chosen) {
        if (!models.contains(c.model))
            models.append(c.model);
    }
    const QVariant current = m_template->currentData();
    const QSignalBlocker blocker(m_template);
    while (m_template->count() > 1)
        m_template->removeItem(1);
    for (const QString& name : TenantTemplates::names(templates)) {
        // The versions of name that every chosen model has.
        QList<int> common = models.isEmpty() ? QList<int>() : TenantTemplates::versions(templates, name, models[0]);
        for (IsolationModel model : std::as_const(models)) {
            const QList<int> versions = TenantTemplates::versions(templates, name, model);
            common.removeIf([&](int v) { return !versions.contains(v); });
        }
        for (int version : std::as_const(common))
            m_template->addItem(tr("%1 version %2").arg(name).arg(version),
                                QStringList{name, QString::number(version)});
    }
    m_template->setCurrentIndex(std::max(0, m_template->findData(current)));
    showPreview();
}

void AdoptWizardPreviewPage::showPreview()
{
    const auto* wizard = static_cast<const AdoptWizard*>(this->wizard());
    const QList<AdoptCandidate> chosen = wizard->chosen();
    // A choice with problems shows those instead.
    if (wizard->scan() && AdoptApplier::problems(chosen).isEmpty())
        m_preview->setPlainText(AdoptApplier::preview(*wizard->scan(), chosen, chosenTemplate()).join(u'\n'));
}

void AdoptWizardPreviewPage::cleanupPage()
{
    m_checks.invalidate();
}
