#include "ui/common/DialogPrompts.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

static QMessageBox* makeBox(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text)
{
    auto* box = new QMessageBox(icon, title, text, QMessageBox::NoButton, parent);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    return box;
}

void DialogPrompts::ask(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel,
                        std::function<void(bool accepted)> answer)
{
    QMessageBox* box = makeBox(parent, QMessageBox::Question, title, text);
    QPushButton* accept = box->addButton(acceptLabel, QMessageBox::AcceptRole);
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, accept, answer = std::move(answer)] { answer(box->clickedButton() == accept); });
    box->open();
}

void DialogPrompts::inform(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox* box = makeBox(parent, QMessageBox::Information, title, text);
    box->addButton(QMessageBox::Ok);
    box->open();
}

void DialogPrompts::chooseFile(QWidget* parent, const QString& caption, const QString& startPath,
                               std::function<void(const QString& path)> chosen)
{
    auto* dialog = new QFileDialog(parent, caption, startPath);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, std::move(chosen));
    dialog->open();
}
