"""The union's pages for people: joining, shifts, hours and letters of service."""
