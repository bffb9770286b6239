#include "ui/admin/ReconcileDialog.h"

#include "pg/PgSession.h"
#include "provision/ShardConnections.h"
#include "ui/common/DialogParts.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

QString kindText(ReconcileFinding::Kind kind)
{
    switch (kind) {
    case ReconcileFinding::Kind::StuckProvisioning:
        return QObject::tr("Stuck provisioning");
    case ReconcileFinding::Kind::FailedLeftover:
        return QObject::tr("Left by a failure");
    case ReconcileFinding::Kind::Missing:
        return QObject::tr("Missing");
    case ReconcileFinding::Kind::WrongShard:
        return QObject::tr("On another shard");
    case ReconcileFinding::Kind::AccessDrift:
        return QObject::tr("Access differs");
    case ReconcileFinding::Kind::DeletingDue:
        return QObject::tr("Deletion due");
    case ReconcileFinding::Kind::Orphan:
        return QObject::tr("Orphan");
    case ReconcileFinding::Kind::ShardUnreachable:
        return QObject::tr("Shard unreachable");
    }
    return {};
}

} // namespace

ReconcileDialog::ReconcileDialog(const ConnectionParams& catalog, QWidget* parent)
    : SessionDialog(catalog, parent)
    , m_stuckMinutes(new QSpinBox(this))
    , m_check(new QPushButton(tr("Check"), this))
    , m_repair(new QPushButton(tr("Repair"), this))
    , m_findings(new QTableWidget(0, ColumnCount, this))
    , m_summary(DialogParts::statusLabel(this, QStringLiteral("reconcileSummary")))
{
    setObjectName(QStringLiteral("reconcileDialog"));
    setWindowTitle(tr("Reconcile catalog and shards"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_stuckMinutes->setObjectName(QStringLiteral("reconcileStuckMinutes"));
    m_stuckMinutes->setRange(0, 24 * 60);
    m_stuckMinutes->setValue(TenantReconciler::Options().stuckMinutes);
    m_stuckMinutes->setPrefix(tr("Provisioning counts as interrupted after "));
    m_stuckMinutes->setSuffix(tr(" min"));
    m_check->setObjectName(QStringLiteral("reconcileCheck"));
    m_check->setToolTip(tr("Report what differs; change nothing."));
    m_repair->setObjectName(QStringLiteral("reconcileRepair"));
    m_repair->setToolTip(tr("Report what differs and repair what is safe to repair."));
    m_findings->setObjectName(QStringLiteral("reconcileFindings"));
    m_findings->setHorizontalHeaderLabels({tr("Finding"), tr("Shard"), tr("Tenant or object"), tr("What"), tr("Done")});
    DialogParts::setUpFindingsTable(m_findings, {WhatColumn});
    m_summary->setText(tr("Check compares every tenant in the catalog with its shard."));

    QDialogButtonBox* close = DialogParts::buttons(this, QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(DialogParts::wideRow(m_stuckMinutes, {m_check, m_repair}));
    layout->addWidget(m_findings, 1);
    layout->addWidget(m_summary);
    layout->addWidget(close);
    resize(960, 480);

    connect(m_check, &QPushButton::clicked, this, [this] { run(true); });
    connect(m_repair, &QPushButton::clicked, this, [this] { run(false); });
    connect(session(), &PgSession::busyChanged, this, [this](bool busy) {
        m_check->setEnabled(!busy);
        m_repair->setEnabled(!busy);
    });
}

void ReconcileDialog::run(bool dryRun)
{
    TenantReconciler::Options options;
    options.dryRun = dryRun;
    options.stuckMinutes = m_stuckMinutes->value();
    const ConnectionParams catalog = this->catalog();
    m_summary->setText(dryRun ? tr("Checking…") : tr("Repairing…"));
    session()->run<TenantReconciler::Report>(
        [catalog, options](PgConnection& c) {
            ShardConnections shards(catalog, FleetRoles::load(c));
            return TenantReconciler(c, shards).run(options);
        },
        this,
        [this, dryRun](Outcome<TenantReconciler::Report> result) {
            if (!result.ok())
                m_summary->setText(result.error->text());
            else
                showReport(*result.value, dryRun);
            emit finished();
        });
}

void ReconcileDialog::showReport(const TenantReconciler::Report& report, bool dryRun)
{
    m_findings->setRowCount(int(report.findings.size()));
    for (int row = 0; row < report.findings.size(); ++row) {
        const ReconcileFinding& f = report.findings[row];
        const QStringList cells{kindText(f.kind), f.shard, f.slug.isEmpty() ? f.object : f.slug, f.description,
                                f.outcome.isEmpty() ? (f.needsRepair() ? QString() : tr("for a person to decide"))
                                                    : f.outcome};
        for (int column = 0; column < ColumnCount; ++column)
            m_findings->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    m_findings->resizeRowsToContents();
    if (report.findings.isEmpty())
        m_summary->setText(tr("Nothing to do: the catalog and the shards agree."));
    else if (dryRun)
        m_summary->setText(tr("%1 to repair (Repair does it), %2 for a person to look at.")
                               .arg(report.toRepair())
                               .arg(report.attention()));
    else
        m_summary->setText(tr("%1 repaired, %2 not repaired, %3 for a person to look at.")
                               .arg(report.repaired())
                               .arg(report.toRepair() - report.repaired())
                               .arg(report.attention()));
    if (!dryRun && report.repaired() > 0)
        emit repaired(report.repaired());
}
