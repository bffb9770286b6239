#include "ui/browse/CellViewerDialog.h"

#include "ui/common/DialogParts.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

CellViewerDialog::CellViewerDialog(const QString& title, const QString& text, QWidget* parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("cellViewer"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(title);
    m_text->setObjectName(QStringLiteral("cellText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(text);
    QDialogButtonBox* buttons = DialogParts::buttons(this, QDialogButtonBox::Close);
    QPushButton* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_text->toPlainText()); });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(640, 480);
}

QString CellViewerDialog::text() const
{
    return m_text->toPlainText();
}
