#include "ui/admin/TenantActionsDialogPrompts.h"

#include "ui/common/DialogParts.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>

static QDialog* makeDialog(QWidget* parent, const QString& title, const QString& objectName)
{
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(objectName);
    dialog->setWindowTitle(title);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    return dialog;
}

void TenantActionsDialogPrompts::confirmDelete(QWidget* parent, const QString& slug,
                                               std::function<void(const QString&, qint64)> answer)
{
    QDialog* dialog = makeDialog(parent, QObject::tr("Delete tenant"), QStringLiteral("deleteTenantDialog"));
    auto* text = new QLabel(
        QObject::tr("Deleting %1 removes its data from its shard and its row from the catalog. Type "
                    "its slug to confirm.")
            .arg(slug),
        dialog);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    auto* typed = new QLineEdit(dialog);
    typed->setObjectName(QStringLiteral("deleteConfirmSlug"));
    typed->setPlaceholderText(slug);
    auto* retention = new QComboBox(dialog);
    retention->setObjectName(QStringLiteral("deleteRetention"));
    retention->addItem(QObject::tr("Delete now"), 0);
    retention->addItem(QObject::tr("Keep the data for 1 day"), 86400);
    retention->addItem(QObject::tr("Keep the data for 7 days"), 7 * 86400);
    retention->addItem(QObject::tr("Keep the data for 30 days"), 30 * 86400);
    QDialogButtonBox* buttons = DialogParts::buttons(dialog, QDialogButtonBox::Cancel);
    QPushButton* remove = buttons->addButton(QObject::tr("Delete"), QDialogButtonBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("deleteConfirmButton"));
    remove->setEnabled(false);
    auto* form = new QFormLayout(dialog);
    form->addRow(text);
    form->addRow(QObject::tr("Slug:"), typed);
    form->addRow(QObject::tr("Data:"), retention);
    form->addRow(buttons);
    QObject::connect(typed, &QLineEdit::textChanged, remove,
                     [remove, slug](const QString& t) { remove->setEnabled(t == slug); });
    QObject::connect(remove, &QPushButton::clicked, dialog, [dialog, typed, retention, answer = std::move(answer)] {
        answer(typed->text(), retention->currentData().toLongLong());
        dialog->accept();
    });
    dialog->open();
}

void TenantActionsDialogPrompts::editTenant(QWidget* parent, const QString& slug, const QString& displayName,
                                            const QStringList& domains,
                                            std::function<void(const QString&, const QStringList&)> answer)
{
    QDialog* dialog = makeDialog(parent, QObject::tr("Edit %1").arg(slug), QStringLiteral("editTenantDialog"));
    auto* name = new QLineEdit(displayName, dialog);
    name->setObjectName(QStringLiteral("editDisplayName"));
    auto* routes = new QPlainTextEdit(domains.join(u'\n'), dialog);
    routes->setObjectName(QStringLiteral("editDomains"));
    routes->setPlaceholderText(
        QObject::tr("One per line: acme.example.com, localhost:8443 or portal.example.com/acme"));
    QDialogButtonBox* buttons = DialogParts::buttons(dialog, QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    auto* form = new QFormLayout(dialog);
    form->addRow(QObject::tr("Display name:"), name);
    form->addRow(QObject::tr("Domains:"), routes);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, [dialog, name, routes, answer = std::move(answer)] {
        answer(name->text(), routes->toPlainText().split(u'\n', Qt::SkipEmptyParts));
        dialog->accept();
    });
    dialog->open();
}

void TenantActionsDialogPrompts::chooseArchiveTarget(QWidget* parent, const QString& slug,
                                                     std::function<void(const QString&)> chosen)
{
    auto* dialog = new QFileDialog(parent, QObject::tr("Where the archive of %1 goes").arg(slug),
                                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, std::move(chosen));
    dialog->open();
}
