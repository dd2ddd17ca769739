export async function main(a: string[]) { console.log("hi", a); return 0; }
