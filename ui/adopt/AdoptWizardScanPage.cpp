#include "ui/adopt/AdoptWizardScanPage.h"
#include "catalog/FleetRoles.h"

#include "adopt/AdoptScanner.h"
#include "pg/PgSession.h"
#include "ui/adopt/AdoptCandidateModel.h"
#include "ui/adopt/AdoptWizard.h"
#include "ui/common/BusyIndicator.h"
#include "ui/common/DialogParts.h"
#include "ui/common/PlainTextDelegate.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

AdoptWizardScanPage::AdoptWizardScanPage(QWidget* parent)
    : QWizardPage(parent)
    , m_model(new AdoptCandidateModel(this))
    , m_table(new QTableView(this))
    , m_status(DialogParts::statusLabel(this, QStringLiteral("adoptScanStatus")))
    , m_notes(DialogParts::statusLabel(this, QStringLiteral("adoptScanNotes")))
    , m_busy(new BusyIndicator(this))
{
    setObjectName(QStringLiteral("adoptScanPage"));
    setTitle(tr("What is on the shard"));
    setSubTitle(tr("Everything here that no catalog tenant owns. Check what to adopt; double-click a slug or "
                   "name to change it. Nothing is renamed on the shard."));
    m_table->setObjectName(QStringLiteral("adoptCandidates"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new PlainTextDelegate(m_table));
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_notes);
    layout->addWidget(m_busy);
    connect(m_model, &AdoptCandidateModel::choiceChanged, this, &QWizardPage::completeChanged);
    connect(m_busy, &BusyIndicator::cancelRequested, this, &AdoptWizardScanPage::cancelScan);
}

void AdoptWizardScanPage::initializePage()
{
    auto* wizard = static_cast<AdoptWizard*>(this->wizard());
    wizard->setScan(std::nullopt);
    m_model->setCandidates({});
    m_notes->clear();
    const AdoptRequest request = wizard->request();
    DialogParts::showStatus(m_status, tr("Scanning %1…").arg(request.shard));
    m_busy->setBusy(tr("Scanning %1").arg(request.shard), 0);
    m_scanning = true;
    m_cancel = CancelToken();
    const Generation::Ticket ticket = m_scans.next();
    const ConnectionParams catalog = wizard->catalogParams();
    const CancelToken cancel = m_cancel;
    wizard->session()->run<AdoptScan>(
        [catalog, request, cancel](PgConnection& c) {
            ShardConnections shards(catalog, FleetRoles::load(c));
            return AdoptScanner(c, shards, cancel).scan(request);
        },
        this,
        [this, wizard, ticket](Outcome<AdoptScan> result) {
            if (!ticket.isCurrent())
                return;
            m_scanning = false;
            m_busy->setIdle();
            if (!result.ok()) {
                DialogParts::showProblem(m_status, result.error->text() + u'\n'
                                                       + tr("Go back to change the shard or the layout."));
                emit completeChanged();
                return;
            }
            const AdoptScan& scan = *result.value;
            wizard->setScan(scan);
            m_model->setCandidates(scan.candidates);
            m_table->resizeColumnsToContents();
            m_status->setText(scan.candidates.isEmpty()
                                  ? tr("Nothing on %1 that the catalog does not own already.").arg(scan.shard.label())
                                  : tr("%1 found on %2, layout %3 (tables in %4).")
                                        .arg(QString::number(scan.candidates.size()), scan.shard.label(),
                                             toString(scan.layout.kind), scan.layout.database));
            m_notes->setText(scan.notes.join(u'\n'));
            emit completeChanged();
        });
}

void AdoptWizardScanPage::cancelScan()
{
    if (!m_scanning)
        return;
    m_cancel.cancel();
    static_cast<AdoptWizard*>(wizard())->session()->cancel();
    m_scans.invalidate();
    m_scanning = false;
    m_busy->setIdle();
    m_status->setText(tr("Cancelled. Go back to scan again."));
    emit completeChanged();
}

void AdoptWizardScanPage::cleanupPage()
{
    cancelScan();
    m_scans.invalidate();
}

bool AdoptWizardScanPage::isComplete() const
{
    return !m_scanning && !m_model->chosen().isEmpty();
}

QList<AdoptCandidate> AdoptWizardScanPage::chosen() const
{
    return m_model->chosen();
}
