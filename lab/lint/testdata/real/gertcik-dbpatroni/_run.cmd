docker compose down
pause
docker compose up -d
pause