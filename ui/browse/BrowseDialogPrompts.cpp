#include "ui/browse/BrowseDialogPrompts.h"

#include <QFileDialog>
#include <QInputDialog>

void BrowseDialogPrompts::askTicket(QWidget* parent, const TenantTarget& target,
                                    std::function<void(const QString& ticket)> answer)
{
    auto* dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(QObject::tr("Open tenant %1").arg(target.tenant.slug));
    // QInputDialog's label is a QLabel: tenant names stay plain text only if nothing in them
    // looks like markup, so the label says nothing the server sent.
    dialog->setLabelText(QObject::tr("Ticket or reason (recorded in the audit log, optional):"));
    dialog->setTextValue(QString());
    dialog->setOkButtonText(QObject::tr("Open read-only"));
    dialog->setObjectName(QStringLiteral("ticketPrompt"));
    QObject::connect(dialog, &QInputDialog::textValueSelected, dialog, std::move(answer));
    dialog->open();
}

void BrowseDialogPrompts::chooseExportFile(QWidget* parent, const QString& suggested,
                                           std::function<void(const QString& path)> chosen)
{
    auto* dialog = new QFileDialog(parent, QObject::tr("Export rows"), suggested,
                                   QObject::tr("CSV (*.csv);;JSON (*.json)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // AcceptSave asks before an existing file is chosen: the export then replaces it (DataGrid::exportTo).
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, std::move(chosen));
    dialog->open();
}
