#include "ui/admin/TemplateUpgradeDialog.h"

#include "lifecycle/TemplateUpgrader.h"
#include "pg/PgSession.h"
#include "provision/ShardConnections.h"
#include "ui/common/DialogParts.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

TemplateUpgradeDialog::TemplateUpgradeDialog(const ConnectionParams& catalog, QWidget* parent)
    : SessionDialog(catalog, parent)
    , m_versions(new QTableWidget(0, 6, this))
    , m_template(new QComboBox(this))
    , m_model(DialogParts::isolationModelBox(this, QStringLiteral("upgradeModel")))
    , m_to(new QSpinBox(this))
    , m_find(new QPushButton(tr("Find tenants"), this))
    , m_upgrade(new QPushButton(tr("Upgrade"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_tenants(new QTableWidget(0, ColumnCount, this))
    , m_progress(new QProgressBar(this))
    , m_summary(DialogParts::statusLabel(this, QStringLiteral("upgradeSummary")))
{
    setObjectName(QStringLiteral("templateUpgradeDialog"));
    setWindowTitle(tr("Template upgrades"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_versions->setObjectName(QStringLiteral("upgradeVersions"));
    m_versions->setHorizontalHeaderLabels(
        {tr("Template"), tr("Model"), tr("Version"), tr("Latest"), tr("State"), tr("Tenants")});
    DialogParts::setUpResultTable(m_versions);
    m_versions->setMaximumHeight(160);
    m_template->setObjectName(QStringLiteral("upgradeTemplate"));
    m_template->setEditable(true);
    m_to->setObjectName(QStringLiteral("upgradeTo"));
    m_to->setRange(2, 100000);
    m_to->setPrefix(tr("to v"));
    m_find->setObjectName(QStringLiteral("upgradeFind"));
    m_upgrade->setObjectName(QStringLiteral("upgradeStart"));
    m_cancel->setObjectName(QStringLiteral("upgradeCancel"));
    m_tenants->setObjectName(QStringLiteral("upgradeTenants"));
    m_tenants->setHorizontalHeaderLabels({tr("Tenant"), tr("Shard"), tr("From"), tr("State"), tr("Result")});
    DialogParts::setUpResultTable(m_tenants);
    m_progress->setObjectName(QStringLiteral("upgradeProgress"));

    auto* choose = new QHBoxLayout;
    choose->addWidget(new QLabel(tr("Template:"), this));
    choose->addWidget(m_template, 1);
    choose->addWidget(m_model);
    choose->addWidget(m_to);
    choose->addWidget(m_find);
    QDialogButtonBox* close = DialogParts::buttons(this, QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Tenants by template version:"), this));
    layout->addWidget(m_versions);
    layout->addLayout(choose);
    layout->addWidget(m_tenants, 1);
    layout->addWidget(m_progress);
    layout->addLayout(DialogParts::wideRow(m_summary, {m_upgrade, m_cancel}));
    layout->addWidget(close);
    resize(860, 620);

    connect(m_find, &QPushButton::clicked, this, &TemplateUpgradeDialog::findTenants);
    connect(m_upgrade, &QPushButton::clicked, this, &TemplateUpgradeDialog::upgrade);
    connect(m_cancel, &QPushButton::clicked, this, &TemplateUpgradeDialog::cancel);
    connect(session(), &PgSession::busyChanged, this, &TemplateUpgradeDialog::updateButtons);
    loadVersions();
    updateButtons();
}

TemplateUpgradeDialog::~TemplateUpgradeDialog()
{
    m_cancelRun.cancel(); // the session then stops after the tenants in progress
}

void TemplateUpgradeDialog::loadVersions()
{
    session()->run<QList<TemplateUpgrader::VersionCount>>(
        [](PgConnection& c) { return TemplateUpgrader::versions(c); }, this,
        [this](Outcome<QList<TemplateUpgrader::VersionCount>> result) {
            if (!result.ok()) {
                m_summary->setText(result.error->text());
                return;
            }
            m_versions->setRowCount(int(result.value->size()));
            QStringList names;
            for (int row = 0; row < result.value->size(); ++row) {
                const TemplateUpgrader::VersionCount& v = result.value->at(row);
                const QStringList cells{
                    v.templateName, toString(v.model),         QString::number(v.version), QString::number(v.latest),
                    v.state,        QString::number(v.tenants)};
                for (int column = 0; column < cells.size(); ++column)
                    m_versions->setItem(row, column, new QTableWidgetItem(cells[column]));
                if (!names.contains(v.templateName))
                    names.append(v.templateName);
                if (row == 0 || v.latest > m_to->value())
                    m_to->setValue(std::max(2, v.latest));
            }
            const QString current = m_template->currentText();
            m_template->clear();
            m_template->addItems(names);
            if (!current.isEmpty())
                m_template->setCurrentText(current);
            emit versionsLoaded();
        });
}

void TemplateUpgradeDialog::findTenants()
{
    const QString name = m_template->currentText().trimmed();
    const IsolationModel model = IsolationModel(m_model->currentData().toInt());
    const int to = m_to->value();
    const ConnectionParams catalog = this->catalog();
    m_summary->setText(tr("Looking for tenants at v%1…").arg(to - 1));
    session()->run<QList<UpgradeRow>>(
        [catalog, name, model, to](PgConnection& c) {
            ShardConnections shards(catalog, FleetRoles::load(c));
            return TemplateUpgrader(c, shards, name, model, to).candidates();
        },
        this,
        [this, to](Outcome<QList<UpgradeRow>> result) {
            m_rows = result.ok() ? *result.value : QList<UpgradeRow>();
            m_tenants->setRowCount(int(m_rows.size()));
            for (int i = 0; i < m_rows.size(); ++i)
                setRow(i, m_rows[i]);
            m_summary->setText(result.ok() ? tr("%1 tenants at v%2 to upgrade.").arg(m_rows.size()).arg(to - 1)
                                           : result.error->text());
            updateButtons();
            emit tenantsFound();
        });
}

void TemplateUpgradeDialog::upgrade()
{
    if (m_rows.isEmpty() || session()->isBusy())
        return;
    const QString name = m_template->currentText().trimmed();
    const IsolationModel model = IsolationModel(m_model->currentData().toInt());
    const int to = m_to->value();
    const ConnectionParams catalog = this->catalog();
    m_cancelRun = CancelToken();
    const CancelToken cancel = m_cancelRun;
    QPointer<TemplateUpgradeDialog> self(this);
    m_summary->setText(tr("Upgrading…"));
    session()->run<QList<UpgradeRow>>(
        // Rows reach the table as they change; the session is deleted (stopped) before the dialog's widgets.
        [catalog, name, model, to, rows = m_rows, cancel, self](PgConnection& c) mutable {
            ShardConnections shards(catalog, FleetRoles::load(c));
            TemplateUpgrader upgrader(c, shards, name, model, to);
            upgrader.run(
                rows,
                [self](int index, const UpgradeRow& row) {
                    QMetaObject::invokeMethod(
                        self, [self, index, row] { self->setRow(index, row); }, Qt::QueuedConnection);
                },
                cancel);
            return rows;
        },
        this,
        [this](Outcome<QList<UpgradeRow>> result) {
            if (!result.ok()) {
                m_summary->setText(result.error->text());
                return;
            }
            m_rows = *result.value;
            int upgraded = 0, failed = 0;
            for (int i = 0; i < m_rows.size(); ++i) {
                setRow(i, m_rows[i]);
                upgraded += m_rows[i].state == JobState::Done;
                failed += m_rows[i].state == JobState::Failed;
            }
            m_summary->setText(
                failed ? tr("%1 upgraded, %2 failed: Upgrade again retries the failed ones.").arg(upgraded).arg(failed)
                       : tr("%1 upgraded.").arg(upgraded));
            loadVersions();
            emit upgradeFinished(upgraded, failed);
        });
}

void TemplateUpgradeDialog::cancel()
{
    m_cancelRun.cancel();
}

void TemplateUpgradeDialog::setRow(int index, const UpgradeRow& row)
{
    if (index >= m_tenants->rowCount())
        return;
    const QStringList cells{row.slug, row.shard, QStringLiteral("v%1").arg(row.fromVersion),
                            UpgradeRow::stateName(row.state), row.message.section(u'\n', 0, 0)};
    for (int column = 0; column < ColumnCount; ++column)
        m_tenants->setItem(index, column, new QTableWidgetItem(cells[column]));
    int done = 0;
    for (int i = 0; i < m_tenants->rowCount(); ++i) {
        const QTableWidgetItem* state = m_tenants->item(i, StateColumn);
        done += state && state->text() != UpgradeRow::stateName(JobState::Pending)
                && state->text() != UpgradeRow::stateName(JobState::Running);
    }
    m_progress->setRange(0, std::max(1, m_tenants->rowCount()));
    m_progress->setValue(done);
}

void TemplateUpgradeDialog::updateButtons()
{
    const bool busy = session()->isBusy();
    m_find->setEnabled(!busy);
    m_upgrade->setEnabled(!busy && !m_rows.isEmpty());
    m_cancel->setEnabled(busy);
}
