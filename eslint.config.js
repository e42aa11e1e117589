// Layering rules live in src/main/ipc-free zones below; the lead engineer finalises this file.
export default [];
