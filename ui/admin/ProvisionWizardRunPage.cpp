#include "ui/admin/ProvisionWizardRunPage.h"

#include "pg/PgSession.h"
#include "provision/ShardConnections.h"
#include "provision/TenantProvisioner.h"
#include "ui/admin/ProvisionWizard.h"
#include "ui/common/DialogParts.h"

#include <QAbstractButton>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QVBoxLayout>

ProvisionWizardRunPage::ProvisionWizardRunPage(QWidget* parent)
    : QWizardPage(parent)
    , m_progress(new QProgressBar(this))
    , m_steps(new QListWidget(this))
    , m_result(DialogParts::statusLabel(this, QStringLiteral("runResult")))
{
    setObjectName(QStringLiteral("provisionRunPage"));
    setTitle(tr("Creating the tenant"));
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_steps->setObjectName(QStringLiteral("runSteps"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_result);
    setFinalPage(true);
}

void ProvisionWizardRunPage::stepStarted(ProvisionStep step)
{
    if (step == ProvisionStep::ShardCommit)
        return;
    auto* wizard = static_cast<ProvisionWizard*>(this->wizard());
    if (!wizard->plan())
        return;
    for (const ProvisionPlan::Step& s : wizard->plan()->steps) {
        if (s.step == step) {
            m_steps->addItem(tr("%1: %2").arg(toString(step), s.summary));
            break;
        }
    }
    m_progress->setValue(m_progress->value() + 1);
}

void ProvisionWizardRunPage::initializePage()
{
    auto* wizard = static_cast<ProvisionWizard*>(this->wizard());
    const ProvisionPlan plan = *wizard->plan();
    m_finished = m_succeeded = false;
    m_steps->clear();
    DialogParts::showStatus(m_result, {});
    m_progress->setRange(0, int(plan.steps.size()));
    m_progress->setValue(0);
    const ConnectionParams catalog = wizard->catalogParams();
    // The hook runs on the session's worker; the wizard deletes the session (stopping it) before
    // its pages, so this page outlives every call.
    QPointer<ProvisionWizardRunPage> page(this);
    // Its time in ms, and what it read back after a lost answer.
    using Ran = std::pair<qint64, QStringList>;
    wizard->session()->run<Ran>(
        [catalog, plan, page](PgConnection& c) {
            ShardConnections shards(catalog, FleetRoles::load(c));
            TenantProvisioner provisioner(c, shards);
            provisioner.setStepHook([page](ProvisionStep step) {
                QMetaObject::invokeMethod(
                    page, [page, step] { page->stepStarted(step); }, Qt::QueuedConnection);
            });
            QElapsedTimer timer;
            timer.start();
            provisioner.run(plan);
            return Ran{timer.elapsed(), provisioner.notes()};
        },
        this,
        [this, wizard, plan](Outcome<Ran> result) {
            m_finished = true;
            m_succeeded = result.ok();
            wizard->button(QWizard::CancelButton)->hide(); // nothing left to cancel
            if (m_succeeded) {
                m_progress->setValue(m_progress->maximum());
                const QString created = tr("Created %1 in %2 ms: %3 on %4.")
                                            .arg(plan.spec.slug)
                                            .arg(result.value->first)
                                            .arg(toString(plan.spec.model), plan.shard.name);
                m_result->setText((QStringList{created} + result.value->second).join(u'\n'));
                emit wizard->tenantCreated(plan.spec.slug);
            } else {
                DialogParts::showProblem(m_result, result.error->text());
            }
            emit completeChanged();
        });
}
