"""One aiogram router per feature."""
