from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_self = TemplateReference(context)
    l_0_lang = resolve('lang')
    l_0_text_direction = resolve('text_direction')
    l_0_config = resolve('config')
    l_0_description = resolve('description')
    l_0_noindex = resolve('noindex')
    l_0_canonical = resolve('canonical')
    l_0_alternates = resolve('alternates')
    l_0_url = resolve('url')
    l_0_search = resolve('search')
    l_0_t = resolve('t')
    l_0_translations = resolve('translations')
    l_0_versions = resolve('versions')
    l_0_notice = resolve('notice')
    l_0_shell = missing
    try:
        t_1 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape((undefined(name='lang') if l_0_lang is missing else l_0_lang))
    yield '"'
    if (context.call((undefined(name='text_direction') if l_0_text_direction is missing else l_0_text_direction), (undefined(name='lang') if l_0_lang is missing else l_0_lang)) == 'rtl'):
        pass
        yield ' dir="rtl"'
    yield ' data-tg-origin="'
    yield escape(('/' if (environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'parent_origin') == "'self'") else environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'parent_origin')))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n'
    if (t_1((undefined(name='description') if l_0_description is missing else l_0_description)) and (undefined(name='description') if l_0_description is missing else l_0_description)):
        pass
        yield '<meta name="description" content="'
        yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
        yield '">\n'
    if (t_1((undefined(name='noindex') if l_0_noindex is missing else l_0_noindex)) and (undefined(name='noindex') if l_0_noindex is missing else l_0_noindex)):
        pass
        yield '<meta name="robots" content="noindex">\n'
    if t_1((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical)):
        pass
        yield '<link rel="canonical" href="'
        yield escape((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical))
        yield '">\n'
    if t_1((undefined(name='alternates') if l_0_alternates is missing else l_0_alternates)):
        pass
        for (l_1_code, l_1_target) in (undefined(name='alternates') if l_0_alternates is missing else l_0_alternates):
            _loop_vars = {}
            pass
            yield '<link rel="alternate" hreflang="'
            yield escape(l_1_code)
            yield '" href="'
            yield escape(l_1_target)
            yield '">\n'
        l_1_code = l_1_target = missing
    yield '<meta property="og:site_name" content="'
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))
    yield '">\n<meta property="og:title" content="'
    yield escape(context.call(environment.getattr(l_0_self, 'title')))
    yield '">\n'
    if (t_1((undefined(name='description') if l_0_description is missing else l_0_description)) and (undefined(name='description') if l_0_description is missing else l_0_description)):
        pass
        yield '<meta property="og:description" content="'
        yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
        yield '">\n'
    yield '<meta property="og:type" content="'
    yield from context.blocks['og_type'][0](context)
    yield '">\n'
    if (t_1((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical)) and environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'base_url')):
        pass
        yield '<meta property="og:url" content="'
        yield escape((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical))
        yield '">\n'
    yield '<link rel="icon" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), 'assets/favicon.svg'))
    yield '" type="image/svg+xml">\n<link rel="stylesheet" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), 'assets/topic.css'))
    yield '">\n<script src="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), 'assets/topic.js'))
    yield '" defer></script>\n'
    if (t_1((undefined(name='search') if l_0_search is missing else l_0_search)) and (undefined(name='search') if l_0_search is missing else l_0_search)):
        pass
        yield '<link rel="stylesheet" href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), 'assets/search/search.css'))
        yield '">\n<script src="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), 'assets/search/search.js'))
        yield '" defer></script>\n'
    yield from context.blocks['head'][0](context)
    yield '</head>\n<body class="'
    yield from context.blocks['body_class'][0](context)
    yield '">\n'
    l_0_shell = context.vars['shell'] = environment.get_template('macros.html', 'base.html').make_module(context.get_all(), True, {'self': l_0_self, 'shell': l_0_shell})
    context.exported_vars.discard('shell')
    yield '<a class="tg-skip" href="#tg-content">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'skip_to_content'))
    yield '</a>\n'
    yield escape(context.call(environment.getattr((undefined(name='shell') if l_0_shell is missing else l_0_shell), 'header'), (undefined(name='t') if l_0_t is missing else l_0_t), ((undefined(name='search') if l_0_search is missing else l_0_search) if t_1((undefined(name='search') if l_0_search is missing else l_0_search)) else None), ((undefined(name='translations') if l_0_translations is missing else l_0_translations) if t_1((undefined(name='translations') if l_0_translations is missing else l_0_translations)) else []), ((undefined(name='versions') if l_0_versions is missing else l_0_versions) if t_1((undefined(name='versions') if l_0_versions is missing else l_0_versions)) else [])))
    yield '\n<main id="tg-content" class="topic-container">\n'
    yield from context.blocks['nav'][0](context)
    if (t_1((undefined(name='notice') if l_0_notice is missing else l_0_notice)) and (undefined(name='notice') if l_0_notice is missing else l_0_notice)):
        pass
        yield escape(context.call(environment.getattr((undefined(name='shell') if l_0_shell is missing else l_0_shell), 'notice'), (undefined(name='t') if l_0_t is missing else l_0_t), (undefined(name='notice') if l_0_notice is missing else l_0_notice)))
    yield from context.blocks['content'][0](context)
    yield '</main>\n'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'footer'):
        pass
        yield '<footer class="tg-footer"><div class="tg-footer-inner">'
        yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'footer'))
        yield '</div></footer>\n'
    yield '</body>\n</html>\n'

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_config = resolve('config')
    pass
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))

def block_og_type(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'website'

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'tg-page'

def block_nav(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'og_type': block_og_type, 'head': block_head, 'body_class': block_body_class, 'nav': block_nav, 'content': block_content}
debug_info = '2=33&7=41&8=43&9=46&11=48&14=51&15=54&17=56&18=58&19=62&22=68&23=70&24=72&25=75&27=78&28=80&29=83&31=86&32=88&33=90&34=92&35=95&36=97&38=99&40=101&41=103&42=106&43=108&46=110&47=111&48=114&50=116&51=119&7=123&27=134&38=144&40=153&46=163&48=172'