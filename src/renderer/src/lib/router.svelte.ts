/** Hash routing: `#/data`, `#/data/<id>`, `#/about`, … Works the same from file:// and http://. */
export interface Route {
  section: string;
  id?: string;
}

function parse(hash: string): Route {
  const [section, id] = hash.replace(/^#\/?/, '').split('/');
  return { section: section || 'data', ...(id ? { id: decodeURIComponent(id) } : {}) };
}

class Router {
  route = $state<Route>(parse(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parse(location.hash);
    });
  }

  go(section: string, id?: string): void {
    location.hash = id ? `#/${section}/${encodeURIComponent(id)}` : `#/${section}`;
  }
}

export const router = new Router();
