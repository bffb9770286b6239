#include "ui/admin/ProvisionWizardPreviewPage.h"

#include "pg/PgSession.h"
#include "provision/ShardConnections.h"
#include "provision/TenantProvisioner.h"
#include "ui/admin/ProvisionWizard.h"
#include "ui/common/DialogParts.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

ProvisionWizardPreviewPage::ProvisionWizardPreviewPage(QWidget* parent)
    : QWizardPage(parent)
    , m_status(DialogParts::statusLabel(this, QStringLiteral("planStatus")))
    , m_sql(DialogParts::codeView(this, QStringLiteral("sqlPreview")))
{
    setObjectName(QStringLiteral("provisionPreviewPage"));
    setTitle(tr("What will run"));
    setSubTitle(tr("Nothing has been changed yet. Next runs exactly these statements."));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_sql, 1);
}

void ProvisionWizardPreviewPage::initializePage()
{
    auto* wizard = static_cast<ProvisionWizard*>(this->wizard());
    wizard->setPlan(std::nullopt);
    m_sql->clear();
    m_sql->show();
    DialogParts::showStatus(m_status, tr("Checking with the catalog and the shard…"));
    const Generation::Ticket preview = m_previews.next();
    const ConnectionParams catalog = wizard->catalogParams();
    const TenantSpec spec = wizard->spec();
    wizard->session()->run<ProvisionPlan>(
        [catalog, spec](PgConnection& c) {
            ShardConnections shards(catalog, FleetRoles::load(c));
            return TenantProvisioner(c, shards).plan(spec);
        },
        this,
        [this, wizard, preview](Outcome<ProvisionPlan> result) {
            if (!preview.isCurrent())
                return;
            if (!result.ok()) {
                DialogParts::showProblem(m_status, result.error->text() + u'\n' + tr("Go back to change the details."));
                m_sql->hide();
                emit completeChanged();
                return;
            }
            const ProvisionPlan& plan = *result.value;
            m_status->setText(
                tr("%1 (%2) on %3 from %4 v%5%6: %7 steps.")
                    .arg(plan.spec.slug, toString(plan.spec.model), plan.shard.label(), plan.spec.templateName)
                    .arg(plan.spec.templateVersion)
                    .arg(plan.retriesFailedTenant ? tr(", replacing the tenant that failed before") : QString())
                    .arg(plan.steps.size()));
            m_sql->setPlainText(plan.statements().join(QLatin1String("\n\n")));
            wizard->setPlan(plan);
            emit completeChanged();
        });
}

void ProvisionWizardPreviewPage::cleanupPage()
{
    m_previews.invalidate();
    static_cast<ProvisionWizard*>(wizard())->setPlan(std::nullopt);
}

bool ProvisionWizardPreviewPage::isComplete() const
{
    return static_cast<const ProvisionWizard*>(wizard())->plan().has_value();
}
