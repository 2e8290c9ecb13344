docker compose down -v
rmdir /s /q data 2>nul
pause
